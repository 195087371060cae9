-- The platform counts of the dashboards (rollout_platform_counts and rollout_platform_totals, 0013)
-- were kept by a row trigger on school_platforms: two summary look-ups and four upserts per row
-- changed. The daily adoption recompute changes up to hundreds of thousands of rows at country
-- scale, in batches; per row that was most of its time. The counts are now kept once per statement
-- from its transition tables: every old row counts -1, every new row +1, summed per count (a row
-- whose status did not change cancels out). Transition tables allow one event per trigger and no
-- column list, hence three triggers on one function.
drop trigger school_platforms_counts on school_platforms;

create function rollout_apply_count_delta(p_school integer[], p_platform integer[], p_status text[],
	p_n integer[])
returns void language sql as $$
	with d as (
		select s.department_id, s.area_id, s.level, coalesce(s.wave_id, 0) as wave_id, x.platform_id,
			x.status, sum(x.n)::int as n
		from unnest(p_school, p_platform, p_status, p_n) as x(school_id, platform_id, status, n)
		join school_rollout_summary s on s.school_id = x.school_id and s.active
		group by 1, 2, 3, 4, 5, 6
		having sum(x.n) <> 0),
	counts as (
		insert into rollout_platform_counts as c
			(department_id, area_id, level, wave_id, platform_id, status, schools)
		select department_id, area_id, level, wave_id, platform_id, status, n from d
		order by 1, 2, 3, 4, 5, 6
		on conflict (department_id, area_id, level, wave_id, platform_id, status)
			do update set schools = c.schools + excluded.schools)
	insert into rollout_platform_totals as t (department_id, platform_id, status, schools)
	select department_id, platform_id, status, sum(n)::int from d
	group by 1, 2, 3 having sum(n) <> 0
	order by 1, 2, 3
	on conflict (department_id, platform_id, status) do update set schools = t.schools + excluded.schools;
$$;

create function rollout_count_platform_rows() returns trigger language plpgsql as $$
begin
	if tg_op = 'INSERT' then
		perform rollout_apply_count_delta(array_agg(school_id), array_agg(platform_id),
			array_agg(status), array_agg(1)) from new_rows;
	elsif tg_op = 'DELETE' then
		perform rollout_apply_count_delta(array_agg(school_id), array_agg(platform_id),
			array_agg(status), array_agg(-1)) from old_rows;
	else
		perform rollout_apply_count_delta(array_agg(school_id), array_agg(platform_id),
			array_agg(status), array_agg(n))
		from (select school_id, platform_id, status, -1 as n from old_rows
			union all select school_id, platform_id, status, 1 from new_rows) d;
	end if;
	return null;
end $$;

create trigger school_platforms_counts_insert after insert on school_platforms
	referencing new table as new_rows
	for each statement execute function rollout_count_platform_rows();
create trigger school_platforms_counts_update after update on school_platforms
	referencing old table as old_rows new table as new_rows
	for each statement execute function rollout_count_platform_rows();
create trigger school_platforms_counts_delete after delete on school_platforms
	referencing old table as old_rows
	for each statement execute function rollout_count_platform_rows();
