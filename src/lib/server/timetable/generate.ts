import type { Kysely } from 'kysely';
import { parseInstance, type Instance, type Slot } from '../../timetable/format';
import type { LockedCells } from '../../timetable/model';
import type { SolveProgress } from '../../timetable/solver';
import { writeAudit, type Actor } from '../audit';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { enqueueJob, requestCancel } from '../jobs/queue';
import type { JobHandler } from '../jobs/types';
import { precheck, type PrecheckProblem } from './precheck';
import { buildProblem, lessonId, teacherId } from './problem';
import { currentSemester, rosterInput } from './queries';
import { solveInWorker } from './run';
import { storeResult } from './store';

type Db = Kysely<Database>;

export const TIMETABLE_GENERATE = 'timetable.generate';

export interface GenerateInput {
	seed: number;
	timeLimitSeconds: number;
	/** with a seed, an iteration limit instead of a time limit gives a reproducible result */
	maxIterations?: number;
	/** a draft whose locked cells the new timetable keeps */
	basedOn?: number;
}

export interface GeneratePayload {
	versionId: number;
	maxIterations?: number;
	/** the locked cells of the version generated from, as lessons of the new problem */
	locked?: LockedCells[];
}

/**
 * The locked cells of a version of the school as cells of `instance`: a cell whose lesson is no
 * longer in the problem (the subject lost its periods) or now has another teacher is let go.
 */
export async function lockedCellsOf(
	db: Db,
	schoolId: number,
	versionId: number,
	instance: Instance
): Promise<LockedCells[]> {
	const cells = await db
		.selectFrom('timetable_cells')
		.select(['class_id', 'subject_id', 'staff_id', 'kind', 'day', 'period'])
		.where('version_id', '=', versionId)
		.where('school_id', '=', schoolId)
		.where('locked', '=', true)
		.execute();
	const lessons = new Map(instance.lessons.map((l) => [l.id, l]));
	const out = new Map<string, Slot[]>();
	for (const c of cells) {
		const id = lessonId({ classId: c.class_id, subjectId: c.subject_id, kind: c.kind });
		const lesson = lessons.get(id);
		if (!lesson || lesson.teacher !== teacherId(c.staff_id)) continue;
		if (c.day >= instance.days.length || c.period >= instance.periodsPerDay) continue;
		out.set(id, [...(out.get(id) ?? []), [c.day, c.period]]);
	}
	return [...out].map(([lesson, slots]) => ({ lesson, slots }));
}

/** The school's problem as it stands and what the check before solving says about it. */
export async function problemOfSchool(db: Db, schoolId: number) {
	const input = await rosterInput(db, schoolId);
	const built = buildProblem(input);
	return { input, built, problems: precheck(built, input) };
}

/**
 * Starts generating a timetable for the school's current semester: a version in 'generating' with
 * the problem as it stands, and the job that solves it (one transaction: both or neither). One
 * generation at a time per school.
 */
export async function startGeneration(
	db: Db,
	actor: Actor,
	schoolId: number,
	input: GenerateInput
): Promise<number> {
	const { built, problems } = await problemOfSchool(db, schoolId);
	if (!built.instance.lessons.length || problems.some((p) => p.code === 'noClasses'))
		throw new DomainError('timetable_nothing_to_solve');
	const parsed = parseInstance(built.instance);
	if (!parsed.ok)
		throw new Error(`timetable: built an invalid problem: ${parsed.errors[0].message}`);
	const semester = await currentSemester(db);
	if (!semester) throw new DomainError('timetable_no_semester');
	return db.transaction().execute(async (trx) => {
		const running = await trx
			.selectFrom('timetable_versions')
			.select('id')
			.where('school_id', '=', schoolId)
			.where('status', '=', 'generating')
			.forUpdate()
			.executeTakeFirst();
		if (running) throw new DomainError('timetable_already_generating');
		const base =
			input.basedOn === undefined
				? undefined
				: await trx
						.selectFrom('timetable_versions')
						.select('id')
						.where('id', '=', input.basedOn)
						.where('school_id', '=', schoolId)
						.where('status', 'in', ['draft', 'published'])
						.executeTakeFirst();
		if (input.basedOn !== undefined && !base) throw new DomainError('timetable_not_copyable');
		const locked = base ? await lockedCellsOf(trx, schoolId, base.id, built.instance) : undefined;
		const version = await trx
			.insertInto('timetable_versions')
			.values({
				school_id: schoolId,
				semester_id: semester.id,
				problem: JSON.stringify(built.instance),
				seed: input.seed,
				time_limit_seconds: input.timeLimitSeconds,
				based_on: base?.id ?? null,
				created_by: actor.principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const payload: GeneratePayload = {
			versionId: version.id,
			maxIterations: input.maxIterations,
			locked
		};
		const jobId = await enqueueJob(trx, { kind: TIMETABLE_GENERATE, payload, maxAttempts: 1 });
		await trx
			.updateTable('timetable_versions')
			.set({ job_id: jobId })
			.where('id', '=', version.id)
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.generate',
			entity: 'timetable_versions',
			entityId: version.id,
			schoolId,
			after: {
				seed: input.seed,
				timeLimitSeconds: input.timeLimitSeconds,
				basedOn: base?.id,
				lockedCells: locked?.reduce((a, l) => a + l.slots.length, 0)
			},
			requestId: actor.requestId
		});
		return version.id;
	});
}

/** Stops a generation: the job is asked to stop and the version is cancelled at once. */
export async function cancelGeneration(
	db: Db,
	actor: Actor,
	schoolId: number,
	versionId: number
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('timetable_versions')
			.set({ status: 'cancelled' })
			.where('id', '=', versionId)
			.where('school_id', '=', schoolId)
			.where('status', '=', 'generating')
			.returning('job_id')
			.executeTakeFirst();
		if (!row) throw new DomainError('timetable_not_generating');
		if (row.job_id !== null) await requestCancel(trx, row.job_id);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'timetable.cancel',
			entity: 'timetable_versions',
			entityId: versionId,
			schoolId,
			requestId: actor.requestId
		});
	});
}

export type { PrecheckProblem };

const PROGRESS_EVERY_MS = 1000;

async function markVersion(
	db: Db,
	versionId: number,
	status: 'failed' | 'cancelled',
	error?: string
) {
	await db
		.updateTable('timetable_versions')
		.set({ status, error: error ?? null })
		.where('id', '=', versionId)
		.where('status', '=', 'generating')
		.execute();
}

/** The job: solves the version's problem in a worker thread and stores the result as a draft. */
export const timetableGenerateJob: JobHandler<GeneratePayload> = {
	kind: TIMETABLE_GENERATE,
	async run(ctx) {
		const { db } = ctx;
		const { versionId, maxIterations, locked } = ctx.job.payload;
		const version = await db
			.selectFrom('timetable_versions')
			.select(['school_id', 'problem', 'seed', 'time_limit_seconds', 'status'])
			.where('id', '=', versionId)
			.executeTakeFirst();
		if (!version || version.status !== 'generating') return { skipped: true };
		const parsed = parseInstance(version.problem);
		if (!parsed.ok) {
			await markVersion(db, versionId, 'failed', 'invalid problem');
			return { failed: 'invalid problem' };
		}
		let lastSaved = 0;
		let pending: Promise<unknown> = Promise.resolve();
		const onProgress = (p: SolveProgress) => {
			const now = Date.now();
			if (now - lastSaved < PROGRESS_EVERY_MS) return;
			lastSaved = now;
			pending = pending
				.then(() => ctx.progress(p))
				.then(() => ctx.cancelled())
				.catch(() => undefined);
		};
		let result;
		try {
			result = await solveInWorker(parsed.value, {
				seed: version.seed,
				timeLimitMs: maxIterations === undefined ? version.time_limit_seconds * 1000 : undefined,
				maxIterations,
				locked,
				signal: ctx.signal,
				onProgress
			});
		} catch (err) {
			// the version must not stay 'generating' (that would block the school's next run)
			await markVersion(db, versionId, 'failed', String(err).slice(0, 500));
			throw err;
		} finally {
			await pending;
		}
		if (result.cancelled) {
			await markVersion(db, versionId, 'cancelled');
			return { cancelled: true };
		}
		const stored = await db
			.transaction()
			.execute((trx) =>
				storeResult(trx, versionId, version.school_id, parsed.value, result, locked)
			);
		return {
			stored,
			status: result.status,
			placed: result.evaluation.placedPeriods,
			unplaced: result.evaluation.unplacedPeriods,
			softPenalty: result.evaluation.softPenalty
		};
	}
};
