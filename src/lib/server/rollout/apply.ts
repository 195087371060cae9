import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { Principal } from '../auth/session';
import { requireDepartment } from '../auth/access';
import { writeAudit } from '../audit';
import { DomainError } from '../errors';
import type { ApplyInput } from '../../schemas/rollout';
import { getTemplate } from './templates';
import { refreshSchoolSummaries, type SummaryTarget } from './summary';

/**
 * Gives a published template to every school of a wave, an area or the whole department, in
 * one set-based statement (checklist, items with their due dates, history). Schools that already
 * hold this revision are skipped. An item is due on the criterion's fixed date, or a number of
 * days after the school's wave starts (after today for a school without a wave).
 */
export async function applyTemplateToSchools(
	db: Kysely<Database>,
	o: {
		departmentId: number;
		templateId: number;
		/** the department's form targets, or an explicit list of schools (seeds, imports) */
		target: ApplyInput | { target: 'schools'; schoolIds: number[] };
		actorUserId: number | null;
		/** seeds pass the historical creation time of the checklists */
		createdAt?: Date;
	}
): Promise<{ created: number; schoolIds: number[] }> {
	const t = o.target;
	const where: RawBuilder<SqlBool> =
		t.target === 'schools'
			? sql<SqlBool>`s.id = any(${t.schoolIds}::int[])`
			: t.target === 'area'
				? sql<SqlBool>`s.area_id = ${t.areaId}`
				: t.target === 'wave'
					? sql<SqlBool>`s.id in (select school_id from school_waves where wave_id = ${t.waveId})`
					: sql<SqlBool>`true`;
	const createdAt = o.createdAt ?? new Date();
	const result = await sql<{ school_id: number }>`
		with targets as (
			select s.id from schools s where s.department_id = ${o.departmentId} and s.active and ${where}
		),
		created as (
			insert into school_checklists (school_id, template_id, created_by, updated_by, created_at, updated_at)
			select id, ${o.templateId}, ${o.actorUserId}, ${o.actorUserId}, ${createdAt}, ${createdAt}
			from targets
			on conflict (school_id, template_id) do nothing
			returning id, school_id
		),
		items as (
			insert into school_checklist_items (checklist_id, criterion_id, school_id, due_on, updated_at)
			select c.id, cr.id, c.school_id,
				coalesce(cr.due_on, coalesce(w.starts_on, ${createdAt}::date) + cr.due_offset_days),
				${createdAt}
			from created c
			cross join checklist_criteria cr
			left join school_waves sw on sw.school_id = c.school_id
			left join rollout_waves w on w.id = sw.wave_id
			where cr.template_id = ${o.templateId}
			returning 1
		),
		history as (
			insert into checklist_history (checklist_id, school_id, actor_user_id, action, to_status, at)
			select id, school_id, ${o.actorUserId}, 'applied', 'draft', ${createdAt} from created
			returning 1
		)
		select school_id from created
	`.execute(db);
	return { created: result.rows.length, schoolIds: result.rows.map((r) => r.school_id) };
}

/** The department applies a published template (form on the template page). */
export async function applyTemplate(
	db: DB,
	principal: Principal,
	templateId: number,
	target: ApplyInput
) {
	const departmentId = requireDepartment(principal, 'rollout.configure');
	const { template } = await getTemplate(db, principal, templateId);
	if (template.status !== 'published') throw new DomainError('rollout_template_not_published');
	return db.transaction().execute(async (trx) => {
		const result = await applyTemplateToSchools(trx, {
			departmentId,
			templateId,
			target,
			actorUserId: principal.userId
		});
		const refresh: SummaryTarget =
			target.target === 'all'
				? { departmentId }
				: target.target === 'wave'
					? { waveId: target.waveId! }
					: { schoolIds: result.schoolIds };
		if (result.created) await refreshSchoolSummaries(trx, refresh);
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'apply',
			entity: 'checklist_template',
			entityId: templateId,
			after: { target, created: result.created }
		});
		return result.created;
	});
}
