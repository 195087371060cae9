import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { requireSchool } from '../auth/access';
import { ConflictError, DomainError, fieldError } from '../errors';
import { canMentor, riskReasons } from '../../rollout/risk';
import { refreshSchoolSummaries } from './summary';
import { unmetMandatory } from './mandatory';

/** The school's place in the rollout: wave, mentor, the schools it mentors, its summary. */
export async function getSchoolPlan(db: DB, schoolId: number) {
	const [plan, summary, mentees] = await Promise.all([
		db
			.selectFrom('school_waves as sw')
			.innerJoin('rollout_waves as w', 'w.id', 'sw.wave_id')
			.leftJoin('schools as m', 'm.id', 'sw.mentor_school_id')
			.select([
				'sw.wave_id',
				'sw.version',
				'w.name as wave_name',
				'w.ordinal',
				'w.starts_on',
				'w.target_on',
				'sw.mentor_school_id',
				'm.name as mentor_name',
				'm.phone as mentor_phone',
				'm.principal_name as mentor_principal'
			])
			.where('sw.school_id', '=', schoolId)
			.executeTakeFirst(),
		db
			.selectFrom('school_rollout_summary')
			.selectAll()
			.where('school_id', '=', schoolId)
			.executeTakeFirst(),
		db
			.selectFrom('school_waves as sw')
			.innerJoin('schools', 'schools.id', 'sw.school_id')
			.select(['schools.id', 'schools.name'])
			.where('sw.mentor_school_id', '=', schoolId)
			.orderBy('schools.code')
			.execute()
	]);
	return { plan: plan ?? null, summary: summary ?? null, mentees };
}

/**
 * What is left for the school: open items by due date, platforms not yet in use, and every
 * unmet mandatory condition, also of an approved checklist (the at-risk flag counts them).
 */
export async function getNextSteps(db: DB, schoolId: number, limit = 8) {
	const [items, platforms, comments, unmet] = await Promise.all([
		db
			.selectFrom('school_checklist_items as i')
			.innerJoin('school_checklists as c', 'c.id', 'i.checklist_id')
			.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
			.leftJoin('staff', 'staff.id', 'i.responsible_staff_id')
			.select([
				'i.id',
				'i.checklist_id',
				'i.status',
				'i.due_on',
				'cr.code',
				'cr.title_vi',
				'cr.title_en',
				'cr.is_mandatory',
				'staff.full_name as responsible_name'
			])
			.where('i.school_id', '=', schoolId)
			.where('c.status', 'in', ['draft', 'returned'])
			.where('i.status', 'in', ['not_started', 'in_progress'])
			.orderBy('i.due_on', (ob) => ob.asc().nullsLast())
			.orderBy('cr.sort_order')
			.limit(limit)
			.execute(),
		db
			.selectFrom('school_platforms as sp')
			.innerJoin('platforms as p', 'p.id', 'sp.platform_id')
			.select(['p.id', 'p.name_vi', 'p.name_en', 'sp.status'])
			.where('sp.school_id', '=', schoolId)
			.where('p.retired_at', 'is', null)
			.where('sp.status', '<>', 'in_use')
			.orderBy('p.sort_order')
			.execute(),
		db
			.selectFrom('school_checklist_items as i')
			.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
			.select([
				'i.id',
				'i.checklist_id',
				'i.review_decision',
				'i.review_comment',
				'cr.code',
				'cr.title_vi',
				'cr.title_en'
			])
			.where('i.school_id', '=', schoolId)
			.where('i.review_comment', 'is not', null)
			.orderBy('i.updated_at', 'desc')
			.limit(limit)
			.execute(),
		unmetMandatory(db, [schoolId])
	]);
	const listed = new Set(items.map((i) => i.id));
	const all = unmet.get(schoolId) ?? [];
	const mandatory = all.filter((u) => !listed.has(u.item_id));
	return { items, platforms, comments, mandatory, unmet: all };
}

/** Everything the school's rollout page shows. */
export async function getSchoolRollout(
	db: DB,
	principal: Principal,
	schoolId: number,
	today: string
) {
	await requireSchool(db, principal, schoolId, 'rollout.view');
	const [plan, next, dtiTemplate] = await Promise.all([
		getSchoolPlan(db, schoolId),
		getNextSteps(db, schoolId),
		usedTemplate(db, schoolId, 'dti')
	]);
	const s = plan.summary;
	const risk = s
		? riskReasons(
				{
					completedOn: s.completed_on,
					waveTargetOn: s.wave_target_on,
					mandatoryDueOn: s.mandatory_due_on
				},
				today
			)
		: [];
	const overdue = next.unmet.filter((u) => u.due_on !== null && u.due_on < today);
	return { ...plan, ...next, risk, overdue, dtiTemplate };
}

/** The template of the school's latest checklist of a kind (its levels carry its warning). */
export async function usedTemplate(db: DB, schoolId: number, kind: 'model' | 'dti') {
	const row = await db
		.selectFrom('school_checklists as c')
		.innerJoin('checklist_templates as t', 't.id', 'c.template_id')
		.select(['t.id', 't.name_vi', 't.name_en', 't.is_verified'])
		.where('c.school_id', '=', schoolId)
		.where('t.kind', '=', kind)
		.orderBy('c.created_at', 'desc')
		.orderBy('c.id', 'desc')
		.executeTakeFirst();
	return row ?? null;
}

/** Schools that may mentor: finished, of the same department, earliest first. */
export async function listMentorCandidates(db: DB, schoolId: number, departmentId: number) {
	return db
		.selectFrom('school_rollout_summary as s')
		.innerJoin('schools', 'schools.id', 's.school_id')
		.leftJoin('rollout_waves as w', 'w.id', 's.wave_id')
		.select(['schools.id', 'schools.name', 's.completed_on', 'w.ordinal'])
		.where('s.department_id', '=', departmentId)
		.where('s.completed_on', 'is not', null)
		.where('s.school_id', '<>', schoolId)
		.orderBy('w.ordinal')
		.orderBy('schools.code')
		.limit(500)
		.execute();
}

/** The department puts a school in a wave and names its mentor (a finished, earlier school). */
export async function setSchoolPlan(
	db: DB,
	principal: Principal,
	schoolId: number,
	input: { waveId: number; mentorSchoolId: number | null; version: number }
) {
	const school = await requireSchool(db, principal, schoolId, 'rollout.plan');
	const wave = await db
		.selectFrom('rollout_waves')
		.select(['id', 'ordinal'])
		.where('id', '=', input.waveId)
		.where('department_id', '=', school.department_id)
		.executeTakeFirst();
	if (!wave) throw fieldError('waveId', 'v_not_found');
	if (input.mentorSchoolId !== null) {
		const mentor = await db
			.selectFrom('school_rollout_summary as s')
			.leftJoin('rollout_waves as w', 'w.id', 's.wave_id')
			.select(['s.school_id', 's.completed_on', 'w.ordinal'])
			.where('s.school_id', '=', input.mentorSchoolId)
			.where('s.department_id', '=', school.department_id)
			.executeTakeFirst();
		const ok =
			mentor &&
			canMentor(
				{
					schoolId: mentor.school_id,
					waveOrdinal: mentor.ordinal,
					completedOn: mentor.completed_on
				},
				{ schoolId, waveOrdinal: wave.ordinal }
			);
		if (!ok) throw new DomainError('rollout_mentor_not_allowed');
	}
	await db.transaction().execute(async (trx) => {
		const current = await trx
			.selectFrom('school_waves')
			.select('version')
			.where('school_id', '=', schoolId)
			.forUpdate()
			.executeTakeFirst();
		if ((current?.version ?? 0) !== input.version) throw new ConflictError('school_wave', schoolId);
		await trx
			.insertInto('school_waves')
			.values({
				school_id: schoolId,
				wave_id: input.waveId,
				mentor_school_id: input.mentorSchoolId,
				updated_by: principal.userId
			})
			.onConflict((oc) =>
				oc.column('school_id').doUpdateSet((eb) => ({
					wave_id: input.waveId,
					mentor_school_id: input.mentorSchoolId,
					updated_at: new Date(),
					updated_by: principal.userId,
					version: eb('school_waves.version', '+', 1)
				}))
			)
			.execute();
		await refreshSchoolSummaries(trx, { schoolIds: [schoolId] });
	});
}
