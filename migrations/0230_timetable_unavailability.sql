-- Teacher unavailability (issue 12): the slots of the week where a teacher cannot teach, tapped by
-- the school admin on the requirements pages and given to the generator as `unavailable`. One row
-- per teacher: `slots` holds day * 16 + period (day 0 = Monday, period 0 = the first of the day,
-- counted across sessions); a slot outside the school's current week is ignored.

create table timetable_unavailability (
	school_id integer not null,
	staff_id integer not null,
	slots smallint[] not null default '{}' check (cardinality(slots) <= 112),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1,
	primary key (staff_id),
	constraint timetable_unavailability_staff_same_school
		foreign key (school_id, staff_id) references staff (school_id, id) on delete cascade
);
create index timetable_unavailability_school_idx on timetable_unavailability (school_id);
