-- Cover for absent teachers (issue 12): the school admin records a teacher's absence (whole days
-- or some periods of each day of a date range) and assigns a substitute to each lesson it touches.
-- A cover is one lesson on one date: a class and a substitute are covered at most once per slot.

alter table timetable_settings
	add column cover_daily_max smallint not null default 5 check (cover_daily_max between 1 and 16);

create table timetable_absences (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	staff_id integer not null,
	starts_on date not null,
	ends_on date not null,
	-- periods of each day (0-based); null: whole days
	periods smallint[],
	reason text,
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	check (ends_on >= starts_on and ends_on - starts_on <= 62),
	constraint timetable_absences_school_id_id_key unique (school_id, id),
	constraint timetable_absences_staff_same_school
		foreign key (school_id, staff_id) references staff (school_id, id)
);
create index timetable_absences_school_idx on timetable_absences (school_id, ends_on);

create table timetable_covers (
	id integer generated always as identity primary key,
	school_id integer not null,
	absence_id integer not null,
	day date not null,
	period smallint not null check (period between 0 and 15),
	class_id integer not null,
	subject_id integer not null references subjects (id),
	absent_staff_id integer not null,
	staff_id integer not null,
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	constraint timetable_covers_lesson_key unique (class_id, day, period),
	constraint timetable_covers_teacher_key unique (staff_id, day, period),
	constraint timetable_covers_absence_same_school
		foreign key (school_id, absence_id) references timetable_absences (school_id, id)
		on delete cascade,
	constraint timetable_covers_class_same_school
		foreign key (school_id, class_id) references classes (school_id, id),
	constraint timetable_covers_staff_same_school
		foreign key (school_id, staff_id) references staff (school_id, id),
	constraint timetable_covers_absent_same_school
		foreign key (school_id, absent_staff_id) references staff (school_id, id)
);
create index timetable_covers_school_day_idx on timetable_covers (school_id, day);
create index timetable_covers_absence_idx on timetable_covers (absence_id);
