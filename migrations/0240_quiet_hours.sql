-- Quiet hours per user (issue 13: "quiet hours respected"). A user may set one daily range, in
-- Vietnam time (UTC+7 all year), in which no e-mail (nor any later channel such as Web Push) is
-- sent to them; what falls due inside it goes out at its end. Minutes since midnight, 0..1439; the
-- range may wrap midnight (21:00-06:30 is start 1260, end 390); start = end is refused (no range).
-- Both null: no quiet hours. The portal's own inbox is never held back.
alter table notification_preferences
	add column quiet_start smallint check (quiet_start between 0 and 1439),
	add column quiet_end smallint check (quiet_end between 0 and 1439),
	add constraint notification_preferences_quiet_pair check (
		(quiet_start is null) = (quiet_end is null) and (quiet_start is null or quiet_start <> quiet_end));

-- When something due at `at` may go out to a user with these quiet hours: `at` itself outside
-- them (or without any), else the instant they end (the next `quiet_end` minute in Vietnam time).
-- Plain arithmetic on the epoch (Vietnam has no daylight saving), so no time zone data is needed.
create or replace function quiet_hours_end(at timestamptz, q_start smallint, q_end smallint)
returns timestamptz language sql stable as $$
	select case
		when q_start is null or q_end is null then at
		when (q_start < q_end and m >= q_start and m < q_end)
			or (q_start > q_end and (m >= q_start or m < q_end))
		then to_timestamp((minutes + ((q_end - m + 1440) % 1440)) * 60)
		else at end
	from (select floor(extract(epoch from at) / 60)::bigint as minutes,
		((floor(extract(epoch from at) / 60)::bigint + 420) % 1440)::int as m) v
$$;
