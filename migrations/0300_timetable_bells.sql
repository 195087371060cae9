-- Bell times (issue 12): when each period of the school day starts, and how long a period is.
-- bell_starts holds minutes after midnight (Vietnam time), the morning's periods then, for a
-- school with afternoons, the afternoon's. Null (every school until it sets them) means the day
-- the portal assumed before: 07:00 and 13:30, 45-minute periods, 5 minutes apart, 20 minutes after
-- the second period ($lib/timetable/bells.ts computes it), so nothing changes for those schools.
-- The rules (one start per period, ascending without overlap, 05:00-22:00) are checked by the
-- service; the table keeps only what makes a row unusable out.
alter table timetable_settings
	add column bell_starts smallint[]
		check (
			bell_starts is null
			or (
				cardinality(bell_starts) between 3 and 12
				and array_position(bell_starts, null) is null
				and 300 <= all (bell_starts)
				and 1320 >= all (bell_starts)
			)
		),
	add column period_minutes smallint not null default 45 check (period_minutes between 30 and 60);
