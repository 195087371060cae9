import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';
import { DTI_LEVEL_2_FROM, DTI_LEVEL_3_ABOVE } from '../../rollout/scoring';
import { VIETNAM_TIME_ZONE } from '../../dates';

/**
 * The per-school rollout summary, rewritten in the same transaction as any platform or checklist
 * change so that dashboards read one narrow row per school (and rollout_platform_counts, kept by
 * triggers) instead of scanning platform rows, items and histories per request. Set-based: one
 * statement refreshes one school or all 50,000.
 *
 * The level rule mirrors dtiLevel() in $lib/rollout/scoring.ts with the same thresholds; the
 * integration tests check both agree on every demo school.
 */
export type SummaryTarget =
	{ schoolIds: number[] } | { departmentId: number } | { waveId: number } | { all: true };

function targetWhere(target: SummaryTarget): RawBuilder<SqlBool> {
	// One array parameter, not one parameter per school: a country's 50,000+ schools would pass the
	// protocol's limit of 65,535 parameters per statement (the daily recompute refreshes them all).
	if ('schoolIds' in target) return sql<SqlBool>`s.id = any(${target.schoolIds}::int[])`;
	if ('departmentId' in target) return sql<SqlBool>`s.department_id = ${target.departmentId}`;
	if ('waveId' in target)
		return sql<SqlBool>`s.id in (select school_id from school_waves where wave_id = ${target.waveId})`;
	return sql<SqlBool>`true`;
}

const levelOf = (alias: string) => {
	const d = sql.raw(alias);
	return sql`case when ${d}.school_id is null or (${d}.max_points is null and not ${d}.has_mandatory) then null
		when ${d}.missing then 1
		when coalesce(${d}.score, 0) > ${DTI_LEVEL_3_ABOVE} then 3
		when coalesce(${d}.score, 0) >= ${DTI_LEVEL_2_FROM} then 2 else 1 end`;
};
const scoreOf = (alias: string) => {
	const d = sql.raw(alias);
	return sql`case when ${d}.school_id is null or (${d}.max_points is null and not ${d}.has_mandatory) then null
		else coalesce(${d}.score, 0) end`;
};

/**
 * Measured use of a platform row `sp` (migration 0141): the rule of meetsThreshold() in
 * $lib/usage/adoption.ts on the stored measurement.
 */
export const MEASURED_IN_USE = sql<SqlBool>`(sp.measured_teachers > 0
	and sp.measured_active * 100 >= sp.measured_threshold * sp.measured_teachers)`;

/** A mandatory condition is met when done and not sent back by the reviewer (isItemMet). */
const UNMET = sql`not (i.status = 'done' and i.review_decision is distinct from 'returned')`;

export async function refreshSchoolSummaries(
	db: Kysely<Database>,
	target: SummaryTarget
): Promise<void> {
	if ('schoolIds' in target && !target.schoolIds.length) return;
	// After a bulk load (a template given to every school) the planner's statistics are stale and
	// it would pick nested loops over tens of thousands of rows; fresh statistics keep it linear.
	if (!('schoolIds' in target) || target.schoolIds.length > 1000)
		await sql`analyze schools, school_platforms, school_checklists, school_checklist_items, school_waves`.execute(
			db
		);
	await refreshStatement(target).execute(db);
}

/** The refresh as one statement (exported for EXPLAIN in the benchmark). */
export function refreshStatement(target: SummaryTarget) {
	const where = targetWhere(target);
	// Plain joins on `schools s` with the target predicate (no window over a CTE): the planner
	// then estimates every part from table statistics and stays on hash joins at 50,000 schools.
	const latest = (kind: 'model' | 'dti') => sql`
		select distinct on (c.school_id) c.school_id, c.id, c.status, c.approved_at
		from school_checklists c
		join checklist_templates t on t.id = c.template_id and t.kind = ${kind}
		join schools s on s.id = c.school_id
		where ${where}
		order by c.school_id, c.created_at desc, c.id desc`;
	return sql`
	with model as (${latest('model')}),
	dti_list as (${latest('dti')}),
	plat as (
		select sp.school_id, count(*)::int as total,
			count(*) filter (where sp.status = 'deploying')::int as deploying,
			count(*) filter (where sp.status = 'deployed')::int as deployed,
			count(*) filter (where sp.status = 'in_use')::int as in_use,
			count(*) filter (where ${MEASURED_IN_USE})::int as measured_in_use,
			count(*) filter (where sp.measured_on is not null)::int as measured,
			max(sp.updated_at) as last_change
		from school_platforms sp
		join platforms p on p.id = sp.platform_id and p.retired_at is null
		join schools s on s.id = sp.school_id
		where ${where}
		group by sp.school_id
	),
	model_items as (
		select i.checklist_id, count(*) filter (where i.status <> 'not_applicable')::int as total,
			count(*) filter (where i.status = 'done')::int as done
		from school_checklist_items i join model m on m.id = i.checklist_id
		group by i.checklist_id
	),
	dti as (
		select d.school_id, cr.group_code,
			sum(cr.max_points) filter (where i.status <> 'not_applicable') as max_points,
			round(sum(least(greatest(coalesce(i.reviewer_score, i.self_score, 0), 0), cr.max_points))
				filter (where i.status <> 'not_applicable')
				/ nullif(sum(cr.max_points) filter (where i.status <> 'not_applicable'), 0) * 100, 1) as score,
			bool_or(cr.is_mandatory and ${UNMET}) as missing,
			bool_or(cr.is_mandatory) as has_mandatory
		from school_checklist_items i
		join dti_list d on d.id = i.checklist_id
		join checklist_criteria cr on cr.id = i.criterion_id
		group by d.school_id, cr.group_code
	),
	mand as (
		select i.school_id, min(i.due_on) as due_on
		from school_checklist_items i
		join checklist_criteria cr on cr.id = i.criterion_id and cr.is_mandatory
		where i.checklist_id in (select id from model union all select id from dti_list) and ${UNMET}
		group by i.school_id
	),
	waiting as (
		select distinct c.school_id from school_checklists c join schools s on s.id = c.school_id
		where c.status = 'submitted' and ${where}
	),
	rows as (
		select s.id as school_id, s.department_id, s.area_id, s.level, s.active,
			s.student_count, s.class_count, s.declared_student_count, s.declared_class_count, sw.wave_id, w.target_on as wave_target_on,
			coalesce(p.total, 0) as platforms_total, coalesce(p.deploying, 0) as platforms_deploying,
			coalesce(p.deployed, 0) as platforms_deployed, coalesce(p.in_use, 0) as platforms_in_use,
			coalesce(p.measured_in_use, 0) as platforms_measured_in_use,
			coalesce(p.measured, 0) as platforms_measured,
			m.id as checklist_id, m.status as checklist_status,
			coalesce(mi.done, 0) as checklist_done, coalesce(mi.total, 0) as checklist_total,
			case when coalesce(mi.total, 0) = 0 then 0
				else round(mi.done::numeric / mi.total * 100, 1) end as checklist_percent,
			${scoreOf('dt')} as teaching_score, ${levelOf('dt')} as teaching_level,
			${scoreOf('dm')} as management_score, ${levelOf('dm')} as management_level,
			(md.school_id is not null) as mandatory_missing, md.due_on as mandatory_due_on,
			(wt.school_id is not null) as awaiting_review,
			case when p.total > 0 and p.in_use = p.total and m.status = 'approved'
				then (greatest(m.approved_at, p.last_change) at time zone ${sql.lit(VIETNAM_TIME_ZONE)})::date
			end as completed_on
		from schools s
		left join school_waves sw on sw.school_id = s.id
		left join rollout_waves w on w.id = sw.wave_id
		left join plat p on p.school_id = s.id
		left join model m on m.school_id = s.id
		left join model_items mi on mi.checklist_id = m.id
		left join dti dt on dt.school_id = s.id and dt.group_code = 'teaching'
		left join dti dm on dm.school_id = s.id and dm.group_code = 'management'
		left join mand md on md.school_id = s.id
		left join waiting wt on wt.school_id = s.id
		where ${where}
	)
	insert into school_rollout_summary as s (school_id, department_id, area_id, level, active,
		student_count, class_count, declared_student_count, declared_class_count, wave_id, wave_target_on,
		platforms_total, platforms_deploying, platforms_deployed, platforms_in_use,
		platforms_measured_in_use, platforms_measured, checklist_id, checklist_status, checklist_done, checklist_total,
		checklist_percent, teaching_score, teaching_level, management_score, management_level,
		mandatory_missing, mandatory_due_on, awaiting_review, completed_on)
	select * from rows
	on conflict (school_id) do update set
		department_id = excluded.department_id, area_id = excluded.area_id, level = excluded.level,
		active = excluded.active, student_count = excluded.student_count,
		class_count = excluded.class_count,
		declared_student_count = excluded.declared_student_count,
		declared_class_count = excluded.declared_class_count, wave_id = excluded.wave_id, wave_target_on = excluded.wave_target_on,
		platforms_total = excluded.platforms_total, platforms_deploying = excluded.platforms_deploying,
		platforms_deployed = excluded.platforms_deployed, platforms_in_use = excluded.platforms_in_use,
		platforms_measured_in_use = excluded.platforms_measured_in_use,
		platforms_measured = excluded.platforms_measured,
		checklist_id = excluded.checklist_id, checklist_status = excluded.checklist_status,
		checklist_done = excluded.checklist_done, checklist_total = excluded.checklist_total,
		checklist_percent = excluded.checklist_percent,
		teaching_score = excluded.teaching_score, teaching_level = excluded.teaching_level,
		management_score = excluded.management_score, management_level = excluded.management_level,
		mandatory_missing = excluded.mandatory_missing, mandatory_due_on = excluded.mandatory_due_on,
		awaiting_review = excluded.awaiting_review,
		-- the day a school first finished stays while it stays finished
		completed_on = case when excluded.completed_on is null then null
			else coalesce(s.completed_on, excluded.completed_on) end,
		updated_at = now()
	`;
}

/**
 * Recomputes the pre-aggregated platform counts from scratch (after bulk loads that bypass the
 * triggers, or to repair). Normal writes keep them right through the triggers of migration 0013.
 */
export async function rebuildPlatformCounts(db: Kysely<Database>): Promise<void> {
	await sql`delete from rollout_platform_counts`.execute(db);
	await sql`delete from rollout_platform_totals`.execute(db);
	await sql`insert into rollout_platform_counts
		(department_id, area_id, level, wave_id, platform_id, status, schools)
		select s.department_id, s.area_id, s.level, coalesce(s.wave_id, 0), sp.platform_id, sp.status, count(*)
		from school_platforms sp join school_rollout_summary s on s.school_id = sp.school_id
		where s.active
		group by 1, 2, 3, 4, 5, 6`.execute(db);
	await sql`insert into rollout_platform_totals (department_id, platform_id, status, schools)
		select department_id, platform_id, status, sum(schools) from rollout_platform_counts
		group by 1, 2, 3`.execute(db);
}
