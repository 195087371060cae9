import type { Kysely } from 'kysely';
import type { YearSwitchCommit } from '$lib/schemas/year';
import { writeAuditMany, type Actor } from '../audit';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { ConflictError, DomainError } from '../errors';
import { inTransaction } from '../grades/checkpoints';
import { refreshSchoolCounts } from '../roster/context';
import { switchPlan, type SwitchPlan, type YearMove } from './switch-plan';

export { schoolYears, switchPlan, switchTargets } from './switch-plan';
export type { SwitchPlan } from './switch-plan';

type Tx = Kysely<Database>;

/**
 * Makes a later school year the current one (issue 11): after the schools' year rollovers, every
 * active pupil enrolled in that year gets that enrolment's class as `students.class_id` (what the
 * roster and every current-year page read), all in one transaction with the flag change. The year
 * rows are locked first (`for update`), so a double submit runs one after the other and the second
 * is refused with `year_switch_already_current`; a preview older than the year's version, or whose
 * list of moves changed since (a school rolled over meanwhile), is refused and nothing changes.
 */
export async function makeYearCurrent(
	db: DB,
	actor: Actor,
	departmentId: number,
	input: YearSwitchCommit
): Promise<{ moved: number; plan: SwitchPlan }> {
	return inTransaction(db, async (trx) => {
		const years = await trx
			.selectFrom('school_years')
			.select(['id', 'is_current', 'version'])
			.forUpdate()
			.execute();
		const target = years.find((y) => y.id === input.yearId);
		if (target?.is_current) throw new DomainError('year_switch_already_current');
		if (target && target.version !== input.version)
			throw new ConflictError('school_year', target.id);
		const plan = await switchPlan(trx, departmentId, input.yearId);
		if (plan.signature !== input.signature) throw new DomainError('year_switch_changed');
		if (plan.current) await flag(trx, plan.current.id, false);
		await flag(trx, plan.target.id, true);
		await repoint(trx, actor.principal.userId, plan.target.id, plan.moves);
		await writeAuditMany(trx, auditOf(actor, plan));
		// the class counts of every school follow the current year
		const all = await trx.selectFrom('schools').select('id').execute();
		await refreshSchoolCounts(
			trx,
			all.map((s) => s.id)
		);
		return { moved: plan.moves.length, plan };
	});
}

async function flag(trx: Tx, yearId: number, current: boolean) {
	await trx
		.updateTable('school_years')
		.set((eb) => ({ is_current: current, version: eb('version', '+', 1) }))
		.where('id', '=', yearId)
		.execute();
}

/** Each pupil's class becomes their enrolment's (the trigger of 0360 finds the enrolment as is). */
async function repoint(trx: Tx, userId: number, yearId: number, moves: YearMove[]) {
	for (let i = 0; i < moves.length; i += 1000) {
		const ids = moves.slice(i, i + 1000).map((m) => m.studentId);
		await trx
			.updateTable('students as st')
			.from('student_enrolments as e')
			.set((eb) => ({
				class_id: eb.ref('e.class_id'),
				updated_at: new Date(),
				updated_by: userId,
				version: eb('st.version', '+', 1)
			}))
			.whereRef('e.student_id', '=', 'st.id')
			.where('e.school_year_id', '=', yearId)
			.where('st.id', 'in', ids)
			.execute();
	}
}

function auditOf(actor: Actor, plan: SwitchPlan) {
	const who = { actorUserId: actor.principal.userId, requestId: actor.requestId };
	return [
		{
			...who,
			action: 'school_year.make_current',
			entity: 'school_year',
			entityId: plan.target.id,
			before: { current: plan.current?.id ?? null },
			after: { current: plan.target.id, moved: plan.moves.length, left: plan.left }
		},
		...plan.moves.map((m) => ({
			...who,
			action: 'student.year_switch',
			entity: 'student',
			entityId: m.studentId,
			schoolId: m.schoolId,
			before: { class_id: m.fromClassId },
			after: { class_id: m.toClassId, school_year_id: plan.target.id }
		}))
	];
}
