-- The department dashboard's figures (headline, rows per area, per wave and per month of
-- completion) were one scan of school_rollout_summary: at a country's 50,000 schools ~80 ms of the
-- page's time. They are now kept per statement in rollout_rollup: one row per group of active
-- schools that share department, area, level, wave, month of completion, wave target date and
-- mandatory due date, with the counts and sums the dashboard shows. The date-dependent counts (at
-- risk, late, overdue) stay exact because the dates are part of the key: the page filters rollup rows
-- on today's date. Kept like the platform counts (0097): every old row counts -1, every new row +1,
-- netted per key; a statement that changes nothing the dashboard shows writes nothing.
create table rollout_rollup (
	department_id integer not null,
	area_id integer not null,
	level text not null,
	wave_id integer,
	month text,
	wave_target_on date,
	mandatory_due_on date,
	schools integer not null,
	all_in_use integer not null,
	all_measured_in_use integer not null,
	approved integer not null,
	in_progress integer not null,
	awaiting_review integer not null,
	t1 integer not null,
	t2 integer not null,
	t3 integer not null,
	m1 integer not null,
	m2 integer not null,
	m3 integer not null,
	platforms_in_use bigint not null,
	platforms_measured_in_use bigint not null,
	platforms_total bigint not null,
	checklist_percent numeric not null,
	students_declared bigint not null,
	classes_declared bigint not null,
	undeclared integer not null,
	students_listed bigint not null,
	classes_listed bigint not null,
	constraint rollout_rollup_key unique nulls not distinct
		(department_id, area_id, level, wave_id, month, wave_target_on, mandatory_due_on)
);

create function rollout_rollup_apply(p_old school_rollout_summary[], p_new school_rollout_summary[])
returns void language sql as $$
	with rows as (
		select -1 as sign, o.* from unnest(p_old) o where o.active
		union all
		select 1, n.* from unnest(p_new) n where n.active),
	d as (
		select department_id, area_id, level, wave_id, to_char(completed_on, 'YYYY-MM') as month,
			wave_target_on, mandatory_due_on,
			sum(sign)::int as schools,
			sum(sign * (platforms_total > 0 and platforms_in_use = platforms_total)::int)::int as all_in_use,
			sum(sign * (platforms_total > 0 and platforms_measured_in_use = platforms_total)::int)::int
				as all_measured_in_use,
			sum(sign * (checklist_status is not distinct from 'approved')::int)::int as approved,
			sum(sign * (completed_on is null and (platforms_in_use > 0 or checklist_done > 0))::int)::int
				as in_progress,
			sum(sign * awaiting_review::int)::int as awaiting_review,
			sum(sign * (teaching_level is not distinct from 1)::int)::int as t1,
			sum(sign * (teaching_level is not distinct from 2)::int)::int as t2,
			sum(sign * (teaching_level is not distinct from 3)::int)::int as t3,
			sum(sign * (management_level is not distinct from 1)::int)::int as m1,
			sum(sign * (management_level is not distinct from 2)::int)::int as m2,
			sum(sign * (management_level is not distinct from 3)::int)::int as m3,
			sum(sign * platforms_in_use)::bigint as platforms_in_use,
			sum(sign * platforms_measured_in_use)::bigint as platforms_measured_in_use,
			sum(sign * platforms_total)::bigint as platforms_total,
			sum(sign * checklist_percent) as checklist_percent,
			sum(sign * coalesce(declared_student_count, 0))::bigint as students_declared,
			sum(sign * coalesce(declared_class_count, 0))::bigint as classes_declared,
			sum(sign * (declared_student_count is null)::int)::int as undeclared,
			sum(sign * student_count)::bigint as students_listed,
			sum(sign * class_count)::bigint as classes_listed
		from rows
		group by 1, 2, 3, 4, 5, 6, 7)
	insert into rollout_rollup as r
	select * from d
	where (schools, all_in_use, all_measured_in_use, approved, in_progress, awaiting_review, t1, t2, t3,
		m1, m2, m3, platforms_in_use, platforms_measured_in_use, platforms_total, checklist_percent,
		students_declared, classes_declared, undeclared, students_listed, classes_listed)
		<> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	order by 1, 2, 3, 4, 5, 6, 7
	on conflict on constraint rollout_rollup_key do update set
		schools = r.schools + excluded.schools,
		all_in_use = r.all_in_use + excluded.all_in_use,
		all_measured_in_use = r.all_measured_in_use + excluded.all_measured_in_use,
		approved = r.approved + excluded.approved,
		in_progress = r.in_progress + excluded.in_progress,
		awaiting_review = r.awaiting_review + excluded.awaiting_review,
		t1 = r.t1 + excluded.t1, t2 = r.t2 + excluded.t2, t3 = r.t3 + excluded.t3,
		m1 = r.m1 + excluded.m1, m2 = r.m2 + excluded.m2, m3 = r.m3 + excluded.m3,
		platforms_in_use = r.platforms_in_use + excluded.platforms_in_use,
		platforms_measured_in_use = r.platforms_measured_in_use + excluded.platforms_measured_in_use,
		platforms_total = r.platforms_total + excluded.platforms_total,
		checklist_percent = r.checklist_percent + excluded.checklist_percent,
		students_declared = r.students_declared + excluded.students_declared,
		classes_declared = r.classes_declared + excluded.classes_declared,
		undeclared = r.undeclared + excluded.undeclared,
		students_listed = r.students_listed + excluded.students_listed,
		classes_listed = r.classes_listed + excluded.classes_listed;
$$;

create function rollout_rollup_rows() returns trigger language plpgsql as $$
begin
	if tg_op = 'INSERT' then
		perform rollout_rollup_apply('{}', (select array_agg(row(n.*)::school_rollout_summary) from new_rows n));
	elsif tg_op = 'DELETE' then
		perform rollout_rollup_apply((select array_agg(row(o.*)::school_rollout_summary) from old_rows o), '{}');
	else
		perform rollout_rollup_apply((select array_agg(row(o.*)::school_rollout_summary) from old_rows o),
			(select array_agg(row(n.*)::school_rollout_summary) from new_rows n));
	end if;
	return null;
end $$;

create trigger school_rollout_summary_rollup_insert after insert on school_rollout_summary
	referencing new table as new_rows
	for each statement execute function rollout_rollup_rows();
create trigger school_rollout_summary_rollup_update after update on school_rollout_summary
	referencing old table as old_rows new table as new_rows
	for each statement execute function rollout_rollup_rows();
create trigger school_rollout_summary_rollup_delete after delete on school_rollout_summary
	referencing old table as old_rows
	for each statement execute function rollout_rollup_rows();

select rollout_rollup_apply('{}', (select array_agg(s) from school_rollout_summary s));
