import type { Kysely } from 'kysely';
import { pupilTargetProblem, pupilsToMove, targetsNeeded } from '../../grades/rollover';
import type { RolloverCommit, RolloverTargets } from '../../schemas/rollover';
import type { Database } from '../db/schema';
import { writeAuditMany, type AuditEntry } from '../audit';
import { DomainError, fieldError } from '../errors';
import { inTransaction } from '../grades/checkpoints';
import type { DB } from '../db';
import { refreshSchoolCounts, rosterSchool, type Actor } from './context';
import {
	rolloverPlan,
	type PlannedPupil,
	type RolloverPlan,
	type TargetOption
} from './rollover-plan';

export { rolloverPlan, rolloverSources } from './rollover-plan';

type Tx = Kysely<Database>;
type Db = DB | Tx;

/** A target: a chosen class of the next year, or a class to create with this name. */
export type Target = { id: number; name: string } | { create: string } | null;

const SIDES = {
	promote: { to: 'promoteTo', fresh: 'promoteNew', options: 'promoteOptions' },
	repeat: { to: 'repeatTo', fresh: 'repeatNew', options: 'repeatOptions' }
} as const;

async function nameTaken(db: Db, plan: RolloverPlan, name: string) {
	const row = await db
		.selectFrom('classes')
		.select('id')
		.where('school_id', '=', plan.schoolId)
		.where('school_year_id', '=', plan.nextYear!.id)
		.where('name', '=', name)
		.executeTakeFirst();
	return row !== undefined;
}

/** The target of one side (promote/repeat), or a DomainError beside its field. */
async function targetOf(
	db: Db,
	plan: RolloverPlan,
	input: RolloverTargets,
	side: keyof typeof SIDES,
	own: ReadonlySet<number>
): Promise<Target> {
	const f = SIDES[side];
	if (!targetsNeeded(plan.pupils, own)[side]) return null;
	const chosen = input[f.to];
	const fresh = input[f.fresh];
	if (chosen !== null && fresh !== null) throw fieldError(f.fresh, 'rollover_target_both');
	if (chosen !== null) {
		const option = plan[f.options].find((o: TargetOption) => o.id === chosen);
		if (!option) throw fieldError(f.to, 'rollover_target_wrong');
		return option;
	}
	if (fresh === null) throw fieldError(f.to, 'rollover_target_required');
	if (await nameTaken(db, plan, fresh)) throw fieldError(f.fresh, 'roster_class_name_taken');
	return { create: fresh };
}

/** Per-pupil classes: a pupil id -> a class of the next year (the preview's `t_<pupil>` fields). */
export type PupilTargets = ReadonlyMap<number, number>;

/**
 * The classes of the pupils the admin placed one by one, checked by `pupilTargetProblem`: a pupil
 * of the plan who moves, a class of the next year of this school of the grade the move allows.
 * An error names the pupil's field (`t_<id>`).
 */
function pupilTargetsOf(plan: RolloverPlan, pupilTargets: PupilTargets): Map<number, TargetOption> {
	const chosen = new Map<number, TargetOption>();
	const options = [...plan.promoteOptions, ...plan.repeatOptions];
	for (const [pupilId, classId] of pupilTargets) {
		const pupil = plan.pupils.find((p) => p.id === pupilId);
		if (!pupil) throw fieldError(`t_${pupilId}`, 'rollover_pupil_unknown');
		const option = options.find((o) => o.id === classId) ?? null;
		const problem = pupilTargetProblem(pupil, option, plan.source.grade);
		if (problem) throw fieldError(`t_${pupilId}`, problem);
		chosen.set(pupilId, option!);
	}
	return chosen;
}

/**
 * Both targets of the plan and the per-pupil classes, checked (the preview shows the same errors
 * the commit gives). A side whose every pupil has a class of their own needs no target.
 */
export async function rolloverTargets(
	db: Db,
	plan: RolloverPlan,
	input: RolloverTargets,
	pupilTargets: PupilTargets = new Map()
) {
	if (!plan.nextYear) throw new DomainError('rollover_no_next_year');
	const pupils = pupilTargetsOf(plan, pupilTargets);
	const own = new Set(pupils.keys());
	const promote = await targetOf(db, plan, input, 'promote', own);
	const repeat = await targetOf(db, plan, input, 'repeat', own);
	if (
		promote &&
		repeat &&
		'create' in promote &&
		'create' in repeat &&
		promote.create === repeat.create
	)
		throw fieldError('repeatNew', 'roster_class_name_taken');
	return { promote, repeat, pupils };
}

/** The class id of a target, creating it in the next year (audited as a roster change). */
async function targetClassId(
	trx: Tx,
	actor: Actor,
	plan: RolloverPlan,
	target: Target,
	grade: number
): Promise<number | null> {
	if (!target) return null;
	if ('id' in target) return target.id;
	const row = await trx
		.insertInto('classes')
		.values({
			school_id: plan.schoolId,
			school_year_id: plan.nextYear!.id,
			grade,
			name: target.create,
			created_by: actor.principal.userId,
			updated_by: actor.principal.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeAuditMany(trx, [
		{
			actorUserId: actor.principal.userId,
			action: 'class.create',
			entity: 'class',
			entityId: row.id,
			schoolId: plan.schoolId,
			after: { grade, name: target.create, school_year_id: plan.nextYear!.id, by: 'rollover' },
			requestId: actor.requestId
		}
	]);
	return row.id;
}

/**
 * Moves the decided pupils of a finishing class into the next year's classes, all or nothing:
 * promoted into `promote`'s class, repeaters into `repeat`'s, the last grade's out of the school
 * (active = false); undecided pupils stay. The class row is locked first, so two submits run one
 * after the other: the second finds everyone moved and is refused with `rollover_already_done`.
 * Running it again later moves only the pupils decided since (nobody is enrolled twice).
 */
export async function commitRollover(
	db: DB,
	actor: Actor,
	schoolId: number,
	input: RolloverCommit,
	pupilTargets: PupilTargets = new Map()
): Promise<{ moved: number; promoteClassId: number | null }> {
	// inTransaction: a caller's transaction (a test's, rolled back) or a new one
	return inTransaction(db, async (trx) => {
		const school = await rosterSchool(trx, actor.principal, schoolId);
		const plan = await rolloverPlan(trx, school, input.classId, true);
		const moving = pupilsToMove(plan.pupils);
		if (!moving.length)
			throw new DomainError(plan.done ? 'rollover_already_done' : 'rollover_nothing_to_move');
		if (plan.signature !== input.signature) throw new DomainError('rollover_changed');
		const targets = await rolloverTargets(trx, plan, input, pupilTargets);
		const promoteId = await targetClassId(trx, actor, plan, targets.promote, plan.source.grade + 1);
		const repeatId = await targetClassId(trx, actor, plan, targets.repeat, plan.source.grade);
		const classIds = { promote: promoteId, repeat: repeatId };
		// each moving pupil's class: their own when the admin placed them, else their side's
		const classOf = (p: PlannedPupil) =>
			targets.pupils.get(p.id)?.id ?? classIds[p.move as 'promote' | 'repeat'] ?? null;
		await moveRows(trx, actor.principal.userId, plan, moving, classOf);
		await writeAuditMany(trx, auditOf(actor, plan, moving, classIds, classOf));
		await trx
			.insertInto('class_rollovers')
			.values({
				school_id: schoolId,
				class_id: plan.source.id,
				target_year_id: plan.nextYear!.id,
				moved: moving.length,
				committed_by: actor.principal.userId
			})
			.onConflict((oc) =>
				oc.column('class_id').doUpdateSet((eb) => ({
					moved: eb('class_rollovers.moved', '+', moving.length),
					runs: eb('class_rollovers.runs', '+', 1),
					committed_by: actor.principal.userId,
					committed_at: new Date()
				}))
			)
			.execute();
		await refreshSchoolCounts(trx, [schoolId]);
		return { moved: moving.length, promoteClassId: promoteId };
	});
}

const OUTCOME = { promote: 'promoted', repeat: 'repeat', graduate: 'graduated' } as const;

/**
 * The rows of a move: the finishing year's enrolment gets its outcome; a pupil who moves gets the
 * next year's enrolment (and, when the next year is the current one, it becomes their class: the
 * trigger of 0360 writes the enrolment); a graduate leaves the school.
 */
async function moveRows(
	trx: Tx,
	userId: number,
	plan: RolloverPlan,
	moving: PlannedPupil[],
	classOf: (p: PlannedPupil) => number | null
) {
	for (const move of ['promote', 'repeat', 'graduate'] as const) {
		const ids = moving.filter((p) => p.move === move).map((p) => p.id);
		if (!ids.length) continue;
		await trx
			.updateTable('student_enrolments')
			.set({ outcome: OUTCOME[move], updated_at: new Date() })
			.where('class_id', '=', plan.source.id)
			.where('student_id', 'in', ids)
			.execute();
		if (move === 'graduate') {
			await trx
				.updateTable('students')
				.set((eb) => ({
					active: false,
					updated_at: new Date(),
					updated_by: userId,
					version: eb('version', '+', 1)
				}))
				.where('id', 'in', ids)
				.execute();
			continue;
		}
		const byClass = new Map<number, number[]>();
		for (const p of moving.filter((q) => q.move === move)) {
			const classId = classOf(p)!;
			byClass.set(classId, [...(byClass.get(classId) ?? []), p.id]);
		}
		for (const [classId, pupils] of byClass)
			await enrolNextYear(trx, userId, plan, pupils, classId);
	}
}

async function enrolNextYear(
	trx: Tx,
	userId: number,
	plan: RolloverPlan,
	ids: number[],
	classId: number
) {
	if (plan.nextYear!.isCurrent) {
		await trx
			.updateTable('students')
			.set((eb) => ({
				class_id: classId,
				updated_at: new Date(),
				updated_by: userId,
				version: eb('version', '+', 1)
			}))
			.where('id', 'in', ids)
			.execute();
		return;
	}
	await trx
		.insertInto('student_enrolments')
		.values(
			ids.map((id) => ({
				school_id: plan.schoolId,
				student_id: id,
				school_year_id: plan.nextYear!.id,
				class_id: classId
			}))
		)
		.execute();
}

function auditOf(
	actor: Actor,
	plan: RolloverPlan,
	moving: PlannedPupil[],
	classIds: { promote: number | null; repeat: number | null },
	classOf: (p: PlannedPupil) => number | null
): AuditEntry[] {
	const base = {
		actorUserId: actor.principal.userId,
		schoolId: plan.schoolId,
		requestId: actor.requestId
	};
	const pupils = moving.map((p) => ({
		...base,
		action: 'student.rollover',
		entity: 'student',
		entityId: p.id,
		before: { class_id: plan.source.id, school_year_id: plan.source.yearId },
		after: {
			outcome: OUTCOME[p.move as keyof typeof OUTCOME],
			class_id: p.move === 'graduate' ? null : classOf(p),
			school_year_id: plan.nextYear!.id
		}
	}));
	const count = (move: string) => moving.filter((p) => p.move === move).length;
	return [
		{
			...base,
			action: 'class.rollover',
			entity: 'class',
			entityId: plan.source.id,
			after: {
				school_year_id: plan.nextYear!.id,
				promote_class_id: classIds.promote,
				repeat_class_id: classIds.repeat,
				promoted: count('promote'),
				repeat: count('repeat'),
				graduated: count('graduate'),
				own_class: moving.filter(
					(p) => p.move !== 'graduate' && classOf(p) !== classIds[p.move as 'promote' | 'repeat']
				).length,
				undecided: plan.pupils.filter((p) => p.move === 'undecided').length
			}
		},
		...pupils
	];
}
