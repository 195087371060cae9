-- Issue 10 (speed): the adoption pages read the measured use of each school and platform from
-- school_platforms instead of counting usage_teacher_platform on every request (29,781 rows for
-- the demo province, 25 ms of the department adoption page). The 30-day count was stored already
-- (measured_active); the 7-day count joins it. Both are written by the same statements: an event
-- batch or a logged lesson for its pairs, a staff change for its school, the daily run for all.
alter table school_platforms add column measured_active7 integer
	check (measured_active7 >= 0);

-- The 7-day count of the pairs measured before this migration (Vietnam's today, as the portal).
update school_platforms sp set measured_active7 = coalesce((
	select count(*) from usage_teacher_platform tp
	join staff t on t.id = tp.staff_id and t.active and t.position <> 'staff'
	where tp.school_id = sp.school_id and tp.platform_id = sp.platform_id
		and tp.last_on >= (now() at time zone 'Asia/Ho_Chi_Minh')::date - 6), 0)
where sp.measured_active is not null;
