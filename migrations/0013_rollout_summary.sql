-- Dashboard figures at country scale (50,000 schools) come from summaries kept up to date on
-- write, never from scanning histories per request:
--   school_rollout_summary   one row per school, rewritten by the rollout services in the same
--                            transaction as any platform or checklist change (refreshSchoolSummaries)
--   rollout_platform_counts  schools per (area, level, wave, platform, status), kept by the triggers
--                            below from school_platforms and the summary's dimensions;
--   rollout_platform_totals  the same per department only (the unfiltered province view reads 48
--                            rows instead of summing the finer counts).

create table school_rollout_summary (
	school_id integer primary key references schools (id),
	department_id integer not null,
	area_id integer not null,
	level text not null,
	active boolean not null default true,
	-- copied from schools (kept by the trigger below) so the headline needs no join
	student_count integer not null default 0,
	class_count integer not null default 0,
	wave_id integer references rollout_waves (id),
	wave_target_on date,
	platforms_total smallint not null default 0,
	platforms_deploying smallint not null default 0,
	-- deployed but not yet in use
	platforms_deployed smallint not null default 0,
	platforms_in_use smallint not null default 0,
	checklist_id integer references school_checklists (id) on delete set null,
	checklist_status text,
	checklist_done smallint not null default 0,
	-- items that apply (not 'not_applicable')
	checklist_total smallint not null default 0,
	checklist_percent numeric(5, 1) not null default 0,
	teaching_score numeric(5, 1),
	teaching_level smallint,
	management_score numeric(5, 1),
	management_level smallint,
	mandatory_missing boolean not null default false,
	-- earliest due date of an unmet mandatory condition (at-risk rule)
	mandatory_due_on date,
	awaiting_review boolean not null default false,
	completed_on date,
	updated_at timestamptz not null default now()
);
create index school_rollout_summary_dept_idx on school_rollout_summary (department_id, area_id, level);
create index school_rollout_summary_area_idx on school_rollout_summary (area_id, level);
create index school_rollout_summary_wave_idx on school_rollout_summary (wave_id);
create index school_rollout_summary_waiting_idx on school_rollout_summary (department_id)
	where awaiting_review;

create table rollout_platform_counts (
	department_id integer not null,
	area_id integer not null,
	level text not null,
	-- 0: no wave yet
	wave_id integer not null default 0,
	platform_id integer not null,
	status text not null,
	schools integer not null default 0,
	primary key (department_id, area_id, level, wave_id, platform_id, status)
);
create index rollout_platform_counts_area_idx on rollout_platform_counts (area_id);

create table rollout_platform_totals (
	department_id integer not null,
	platform_id integer not null,
	status text not null,
	schools integer not null default 0,
	primary key (department_id, platform_id, status)
);

-- Adds `n` schools to a count and to its department's total.
create function rollout_add_count(p_department integer, p_area integer, p_level text, p_wave integer,
	p_platform integer, p_status text, n integer)
returns void language plpgsql as $$
begin
	insert into rollout_platform_counts as c
		(department_id, area_id, level, wave_id, platform_id, status, schools)
	values (p_department, p_area, p_level, p_wave, p_platform, p_status, n)
	on conflict (department_id, area_id, level, wave_id, platform_id, status)
		do update set schools = c.schools + n;
	insert into rollout_platform_totals as t (department_id, platform_id, status, schools)
	values (p_department, p_platform, p_status, n)
	on conflict (department_id, platform_id, status) do update set schools = t.schools + n;
end $$;

-- A school's platform row changed status: move it from one count to the other.
create function rollout_count_platform_row() returns trigger language plpgsql as $$
declare
	d record;
begin
	if tg_op in ('UPDATE', 'DELETE') then
		select s.department_id, s.area_id, s.level, coalesce(s.wave_id, 0) as wave_id into d
		from school_rollout_summary s where s.school_id = old.school_id and s.active;
		if found then
			perform rollout_add_count(d.department_id, d.area_id, d.level, d.wave_id, old.platform_id, old.status, -1);
		end if;
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		select s.department_id, s.area_id, s.level, coalesce(s.wave_id, 0) as wave_id into d
		from school_rollout_summary s where s.school_id = new.school_id and s.active;
		if found then
			perform rollout_add_count(d.department_id, d.area_id, d.level, d.wave_id, new.platform_id, new.status, 1);
		end if;
	end if;
	return null;
end $$;

create trigger school_platforms_counts
	after insert or delete or update of status on school_platforms
	for each row execute function rollout_count_platform_row();

-- A school's dimensions changed (area, level, wave, active): move all its platform rows.
create function rollout_move_school_counts() returns trigger language plpgsql as $$
declare
	x record;
begin
	if tg_op = 'UPDATE' and (old.department_id, old.area_id, old.level, coalesce(old.wave_id, 0), old.active)
		is not distinct from (new.department_id, new.area_id, new.level, coalesce(new.wave_id, 0), new.active) then
		return null;
	end if;
	if tg_op in ('UPDATE', 'DELETE') and old.active then
		for x in select platform_id, status, count(*)::int as n from school_platforms
			where school_id = old.school_id group by platform_id, status loop
			perform rollout_add_count(old.department_id, old.area_id, old.level, coalesce(old.wave_id, 0),
				x.platform_id, x.status, -x.n);
		end loop;
	end if;
	if tg_op in ('INSERT', 'UPDATE') and new.active then
		for x in select platform_id, status, count(*)::int as n from school_platforms
			where school_id = new.school_id group by platform_id, status loop
			perform rollout_add_count(new.department_id, new.area_id, new.level, coalesce(new.wave_id, 0),
				x.platform_id, x.status, x.n);
		end loop;
	end if;
	return null;
end $$;

create trigger school_rollout_summary_counts
	after insert or delete or update of department_id, area_id, level, wave_id, active
	on school_rollout_summary
	for each row execute function rollout_move_school_counts();

-- A new school (any module: seeds, imports) gets its summary row and a not-started row for every
-- active platform; a moved, re-levelled or deactivated school carries its dimensions along.
create function rollout_school_inserted() returns trigger language plpgsql as $$
begin
	insert into school_rollout_summary
		(school_id, department_id, area_id, level, active, student_count, class_count)
	values (new.id, new.department_id, new.area_id, new.level, new.active, new.student_count,
		new.class_count);
	insert into school_platforms (school_id, platform_id)
	select new.id, p.id from platforms p where p.retired_at is null
	on conflict do nothing;
	update school_rollout_summary s set platforms_total = (select count(*) from platforms p where p.retired_at is null)
	where s.school_id = new.id;
	return null;
end $$;

create trigger schools_rollout_insert after insert on schools
	for each row execute function rollout_school_inserted();

create function rollout_school_changed() returns trigger language plpgsql as $$
begin
	update school_rollout_summary
	set department_id = new.department_id, area_id = new.area_id, level = new.level,
		active = new.active, student_count = new.student_count, class_count = new.class_count,
		updated_at = now()
	where school_id = new.id;
	return null;
end $$;

create trigger schools_rollout_dims
	after update of department_id, area_id, level, active, student_count, class_count on schools
	for each row
	when ((old.department_id, old.area_id, old.level, old.active, old.student_count, old.class_count)
		is distinct from (new.department_id, new.area_id, new.level, new.active, new.student_count,
			new.class_count))
	execute function rollout_school_changed();
