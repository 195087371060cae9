import type { Kysely } from 'kysely';
import { todayIso } from '$lib/dates';
import { subjectYearResult, type YearSubjectResult } from '$lib/grades/summary';
import type { ConductForm, ConductTerm, LevelValue, RetestEntry } from '$lib/schemas/homeroom';
import { parseRetestText } from '$lib/schemas/homeroom';
import { routeId, type Scope } from '../action';
import { notFound } from '../auth/access';
import { keptClassQuery, type KeptClass } from './kept-classes';
import type { Principal } from '../auth/session';
import { writeAuditMany, type Actor } from '../audit';
import type { Database } from '../db/schema';
import type { GradeYearSummariesTable } from '../db/tables/homeroom';
import { ConflictError, DomainError, fieldError } from '../errors';
import { inTransaction } from './checkpoints';
import { classPupils, type Pupil } from './queries';
import { enrolledAmong } from '../roster/enrolments';
import {
	classSubjects,
	recomputeYearSummaries,
	summaryClass,
	yearInputs,
	type ClassSubject
} from './summaries';

type Db = Kysely<Database>;

export type HomeroomClass = KeptClass;

const homeroomQuery = (db: Db, principal: Principal) => keptClassQuery(db, principal, { min: 6 });

/** The current year's secondary classes whose summary the principal keeps ('class.homeroom'). */
export async function homeroomClassList(db: Db, principal: Principal): Promise<HomeroomClass[]> {
	return homeroomQuery(db, principal).orderBy('c.grade').orderBy('c.name_sort').execute();
}

/** The current year's class whose summary the principal keeps ('class.homeroom'), or 404. */
export async function requireHomeroomClass(
	db: Db,
	principal: Principal,
	classId: number
): Promise<HomeroomClass> {
	const row = await homeroomQuery(db, principal).where('c.id', '=', classId).executeTakeFirst();
	return row ?? notFound();
}

/** The URL's `[classId]`, whose summary the caller keeps ('class.homeroom'; 404 otherwise). */
export const homeroomScope: Scope<{ cls: HomeroomClass }> = async (ctx) => ({
	cls: await requireHomeroomClass(ctx.db, ctx.principal, routeId(ctx.event.params.classId))
});

export type Summary = Omit<
	{ [K in keyof GradeYearSummariesTable]: GradeYearSummariesTable[K] },
	'absences_excused' | 'absences_unexcused' | 'updated_at' | 'retest_subject_ids'
> & { absences_excused: number; absences_unexcused: number; retest_subject_ids: number[] };

export interface PupilRow extends Pupil {
	summary: Summary | null;
	/** per subject id: semester 1, semester 2 and year result (null while incomplete) */
	results: Record<
		number,
		{ s1: YearSubjectResult; s2: YearSubjectResult; year: YearSubjectResult }
	>;
	/** the stored conduct per term, with its version */
	conduct: Partial<Record<ConductTerm, { level: LevelValue; version: number }>>;
	retests: Record<number, { value: number | null; passed: boolean | null; version: number }>;
}

export interface ClassSummary {
	subjects: ClassSubject[];
	pupils: PupilRow[];
	locked: Record<ConductTerm, boolean>;
}

/** Conduct of semester I is read-only from the end-of-term I lock, semester II from the year lock. */
export async function conductLocks(
	db: Db,
	cls: { schoolId: number; schoolYearId: number },
	today: string
): Promise<Record<ConductTerm, boolean>> {
	const rows = await db
		.selectFrom('grade_checkpoints')
		.select(['checkpoint', 'locks_on'])
		.where('school_id', '=', cls.schoolId)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('checkpoint', 'in', ['end1', 'year'])
		.execute();
	const lockedOn = (c: string) => {
		const day = rows.find((r) => r.checkpoint === c)?.locks_on;
		return day !== null && day !== undefined && String(day) <= today;
	};
	return { '1': lockedOn('end1'), '2': lockedOn('year'), summer: false };
}

/** The whole class: every subject's results per semester and year, conduct, levels, decisions. */
export async function loadClassSummary(
	db: Db,
	cls: HomeroomClass,
	today = todayIso()
): Promise<ClassSummary> {
	const sc = await summaryClass(db, cls.id);
	if (!sc) notFound();
	const [pupils, inputs, summaries, conduct, retests, locked] = await Promise.all([
		classPupils(db, cls.id),
		yearInputs(db, sc),
		db
			.selectFrom('grade_year_summaries')
			.selectAll()
			.where('class_id', '=', cls.id)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		db
			.selectFrom('grade_conduct')
			.select(['student_id', 'term', 'level', 'version'])
			.where('class_id', '=', cls.id)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		db
			.selectFrom('grade_retests')
			.select(['student_id', 'subject_id', 'value', 'passed', 'version'])
			.where('class_id', '=', cls.id)
			.where('school_year_id', '=', cls.schoolYearId)
			.execute(),
		conductLocks(db, cls, today)
	]);
	const summaryOf = new Map(summaries.map((s) => [s.student_id, s]));
	const rows = pupils.map((p): PupilRow => {
		const input = inputs.inputs.get(p.id);
		const results: PupilRow['results'] = {};
		inputs.subjects.forEach((s, i) => {
			const subject = input?.subjects[i];
			if (!subject) return;
			const one = subjectYearResult({ ...subject, semester2: subject.semester1 });
			const two = subjectYearResult({ ...subject, semester1: subject.semester2 });
			results[s.subjectId] = { s1: one, s2: two, year: subjectYearResult(subject) };
		});
		const summary = summaryOf.get(p.id);
		return {
			...p,
			summary: summary ? { ...summary } : null,
			results,
			conduct: Object.fromEntries(
				conduct
					.filter((c) => c.student_id === p.id)
					.map((c) => [c.term, { level: c.level, version: c.version }])
			),
			retests: Object.fromEntries(
				retests
					.filter((r) => r.student_id === p.id)
					.map((r) => [r.subject_id, { value: r.value, passed: r.passed, version: r.version }])
			)
		};
	});
	return { subjects: inputs.subjects, pupils: rows, locked };
}

/** Pupils of the class among `ids`, or a DomainError naming the first stranger's field. */
export async function requirePupils(
	trx: Db,
	classId: number,
	ids: number[],
	field: (id: number) => string
) {
	if (!ids.length) return;
	// the class's pupils of its school year (0360), whatever class they are in now
	const known = await enrolledAmong(trx, classId, ids);
	const stranger = ids.find((id) => !known.has(id));
	if (stranger !== undefined)
		throw new DomainError('grades_pupil_not_in_class', {}, field(stranger));
}

/**
 * Saves a term's conduct of a class (Circular 22, Art. 8; 'class.homeroom', 404 otherwise), all or
 * nothing: each pupil's stored version must be the one the form loaded (else a conflict, nothing
 * saved); a locked term is refused; the summer re-assessment only for pupils sent to summer conduct
 * training. Each change is audited; the year summaries are recomputed in the same transaction.
 */
export async function saveConduct(
	db: Db,
	actor: Actor,
	classId: number,
	form: ConductForm,
	today = todayIso()
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requireHomeroomClass(trx, actor.principal, classId);
		const ids = form.entries.map((e) => e.studentId);
		await requirePupils(trx, classId, ids, (id) => `l_${id}`);
		if ((await conductLocks(trx, cls, today))[form.term])
			throw new DomainError('grades_conduct_locked');
		const stored = ids.length
			? await trx
					.selectFrom('grade_conduct')
					.select(['student_id', 'level', 'version'])
					.where('student_id', 'in', ids)
					.where('school_year_id', '=', cls.schoolYearId)
					.where('term', '=', form.term)
					.forUpdate()
					.execute()
			: [];
		const before = new Map(stored.map((s) => [s.student_id, s]));
		const stale = form.entries.find((e) => (before.get(e.studentId)?.version ?? 0) !== e.version);
		if (stale) throw new ConflictError('grade_conduct', stale.studentId);
		const changes = form.entries.filter(
			(e) => (before.get(e.studentId)?.level ?? null) !== e.level
		);
		if (form.term === 'summer') await requireTraining(trx, cls, changes);
		await writeConduct(trx, actor, cls, form.term, changes, before);
		if (changes.length)
			await recomputeYearSummaries(
				trx,
				classId,
				changes.map((c) => c.studentId)
			);
		return { saved: changes.length };
	});
}

async function requireTraining(
	trx: Db,
	cls: HomeroomClass,
	changes: Array<{ studentId: number; level: LevelValue | null }>
) {
	const due = changes.filter((c) => c.level !== null).map((c) => c.studentId);
	if (!due.length) return;
	const rows = await trx
		.selectFrom('grade_year_summaries')
		.select('student_id')
		.where('student_id', 'in', due)
		.where('school_year_id', '=', cls.schoolYearId)
		.where('decision', 'in', ['summer_conduct_training', 'summer_conduct_training_and_retest'])
		.execute();
	const ok = new Set(rows.map((r) => r.student_id));
	const other = due.find((id) => !ok.has(id));
	if (other !== undefined) throw fieldError(`l_${other}`, 'grades_not_in_training');
}

async function writeConduct(
	trx: Db,
	actor: Actor,
	cls: HomeroomClass,
	term: ConductTerm,
	changes: Array<{ studentId: number; level: LevelValue | null }>,
	before: Map<number, { level: LevelValue; version: number }>
) {
	if (!changes.length) return;
	const userId = actor.principal.userId;
	const cleared = changes.filter((c) => c.level === null).map((c) => c.studentId);
	if (cleared.length)
		await trx
			.deleteFrom('grade_conduct')
			.where('student_id', 'in', cleared)
			.where('school_year_id', '=', cls.schoolYearId)
			.where('term', '=', term)
			.execute();
	const set = changes.filter((c) => c.level !== null);
	if (set.length) {
		const written = await trx
			.insertInto('grade_conduct')
			.values(
				set.map((c) => ({
					school_id: cls.schoolId,
					class_id: cls.id,
					student_id: c.studentId,
					school_year_id: cls.schoolYearId,
					term,
					level: c.level!,
					updated_by: userId,
					updated_at: new Date()
				}))
			)
			.onConflict((oc) =>
				oc.columns(['student_id', 'school_year_id', 'term']).doUpdateSet((eb) => ({
					level: eb.ref('excluded.level'),
					class_id: eb.ref('excluded.class_id'),
					version: eb('grade_conduct.version', '+', 1),
					updated_by: eb.ref('excluded.updated_by'),
					updated_at: eb.ref('excluded.updated_at')
				}))
			)
			.returning(['student_id', 'version'])
			.execute();
		// a row inserted concurrently (version 0 loaded, but the upsert updated it): a conflict
		const raced = written.find((w) => w.version !== (before.get(w.student_id)?.version ?? 0) + 1);
		if (raced) throw new ConflictError('grade_conduct', raced.student_id);
	}
	await writeAuditMany(
		trx,
		changes.map((c) => ({
			actorUserId: userId,
			action: 'grades.conduct.save',
			entity: 'grade_conduct',
			entityId: `${c.studentId}:${cls.schoolYearId}:${term}`,
			schoolId: cls.schoolId,
			before: before.has(c.studentId) ? { level: before.get(c.studentId)!.level } : null,
			after: { level: c.level },
			requestId: actor.requestId
		}))
	);
}

/**
 * Saves summer re-test results (Circular 22, Art. 14; 'class.homeroom'), all or nothing: only for a
 * subject the pupil's year summary sends to re-test; a score 0-10 with one decimal or Đ/CĐ; a stale
 * version is a conflict. Audited; the summaries (level after re-tests, final decision) recomputed.
 */
export async function saveRetests(
	db: Db,
	actor: Actor,
	classId: number,
	entries: RetestEntry[]
): Promise<{ saved: number }> {
	return inTransaction(db, async (trx) => {
		const cls = await requireHomeroomClass(trx, actor.principal, classId);
		const ids = [...new Set(entries.map((e) => e.studentId))];
		const field = (e: { studentId: number; subjectId: number }) =>
			`r_${e.studentId}_${e.subjectId}`;
		await requirePupils(trx, classId, ids, (id) => field(entries.find((e) => e.studentId === id)!));
		const subjects = new Map((await classSubjects(trx, classId)).map((s) => [s.subjectId, s]));
		const due = ids.length
			? await trx
					.selectFrom('grade_year_summaries')
					.select(['student_id', 'retest_subject_ids'])
					.where('student_id', 'in', ids)
					.where('school_year_id', '=', cls.schoolYearId)
					.execute()
			: [];
		const dueOf = new Map(due.map((d) => [d.student_id, new Set(d.retest_subject_ids)]));
		const stored = ids.length
			? await trx
					.selectFrom('grade_retests')
					.select(['student_id', 'subject_id', 'value', 'passed', 'version'])
					.where('student_id', 'in', ids)
					.where('school_year_id', '=', cls.schoolYearId)
					.forUpdate()
					.execute()
			: [];
		const before = new Map(stored.map((s) => [`${s.student_id}_${s.subject_id}`, s]));
		const changes: Array<RetestEntry & { value: number | null; passed: boolean | null }> = [];
		for (const e of entries) {
			const subject = subjects.get(e.subjectId);
			if (!subject || !dueOf.get(e.studentId)?.has(e.subjectId))
				throw fieldError(field(e), 'grades_not_due_for_retest');
			const parsed = parseRetestText(e.text, subject.assessment);
			if (!parsed.ok) throw fieldError(field(e), parsed.code);
			const old = before.get(`${e.studentId}_${e.subjectId}`);
			if ((old?.version ?? 0) !== e.version) throw new ConflictError('grade_retests', field(e));
			const value = parsed.retest?.value ?? null;
			const passed = parsed.retest?.passed ?? null;
			if ((old?.value ?? null) === value && (old?.passed ?? null) === passed) continue;
			changes.push({ ...e, value, passed });
		}
		await writeRetests(trx, actor, cls, changes, before);
		if (changes.length)
			await recomputeYearSummaries(
				trx,
				classId,
				changes.map((c) => c.studentId)
			);
		return { saved: changes.length };
	});
}

async function writeRetests(
	trx: Db,
	actor: Actor,
	cls: HomeroomClass,
	changes: Array<RetestEntry & { value: number | null; passed: boolean | null }>,
	before: Map<string, { value: number | null; passed: boolean | null; version: number }>
) {
	const userId = actor.principal.userId;
	for (const c of changes) {
		const key = `${c.studentId}_${c.subjectId}`;
		if (c.value === null && c.passed === null) {
			await trx
				.deleteFrom('grade_retests')
				.where('student_id', '=', c.studentId)
				.where('school_year_id', '=', cls.schoolYearId)
				.where('subject_id', '=', c.subjectId)
				.execute();
		} else if (before.has(key)) {
			await trx
				.updateTable('grade_retests')
				.set((eb) => ({
					value: c.value,
					passed: c.passed,
					version: eb('version', '+', 1),
					updated_by: userId,
					updated_at: new Date()
				}))
				.where('student_id', '=', c.studentId)
				.where('school_year_id', '=', cls.schoolYearId)
				.where('subject_id', '=', c.subjectId)
				.execute();
		} else {
			const inserted = await trx
				.insertInto('grade_retests')
				.values({
					school_id: cls.schoolId,
					class_id: cls.id,
					student_id: c.studentId,
					school_year_id: cls.schoolYearId,
					subject_id: c.subjectId,
					value: c.value,
					passed: c.passed,
					updated_by: userId,
					updated_at: new Date()
				})
				.onConflict((oc) => oc.doNothing())
				.returning('version')
				.executeTakeFirst();
			if (!inserted) throw new ConflictError('grade_retests', key);
		}
	}
	await writeAuditMany(
		trx,
		changes.map((c) => {
			const old = before.get(`${c.studentId}_${c.subjectId}`);
			return {
				actorUserId: userId,
				action: 'grades.retest.save',
				entity: 'grade_retest',
				entityId: `${c.studentId}:${cls.schoolYearId}:${c.subjectId}`,
				schoolId: cls.schoolId,
				before: old ? { value: old.value, passed: old.passed } : null,
				after: { value: c.value, passed: c.passed },
				requestId: actor.requestId
			};
		})
	);
}
