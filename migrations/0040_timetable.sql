-- Timetable (issue 12): a school's week (days, sessions, periods per session), the weekly periods
-- of each class and subject, and timetable versions with their cells. A version is generated as a
-- job (status 'generating'), becomes a 'draft' holding cells that break no hard rule (periods the
-- generator could not place are listed in `unplaced`), and is 'published' with an effective date.
-- The published version in force on a day is the one with the latest effective date on or before it.

-- The composite keys below need unique (school_id, id) on classes and staff. Migration 0091 adds
-- them as constraints, but it runs after this file on an empty database (numbers order the files):
-- these indexes make the keys valid here already (0091's constraints then stand beside them).
create unique index timetable_classes_school_id_idx on classes (school_id, id);
create unique index timetable_staff_school_id_idx on staff (school_id, id);

create table timetable_settings (
	school_id integer primary key references schools (id),
	days smallint not null default 6 check (days between 5 and 6),
	sessions text not null default 'morning' check (sessions in ('morning', 'both')),
	periods_per_session smallint not null default 5 check (periods_per_session between 3 and 6),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1
);

-- The weekly periods of one subject in one class, edited by the school admin. Without a row the
-- figure comes from subject_periods (periods per year / 35 weeks, alternating 2/1 between the
-- classes of a grade when the quotient is not whole) and the class's teaching assignments.
create table timetable_requirements (
	school_id integer not null,
	class_id integer not null,
	subject_id integer not null references subjects (id),
	periods_per_week smallint not null check (periods_per_week between 0 and 20),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1,
	primary key (class_id, subject_id),
	constraint timetable_requirements_class_same_school
		foreign key (school_id, class_id) references classes (school_id, id) on delete cascade
);
create index timetable_requirements_school_idx on timetable_requirements (school_id);

create table timetable_versions (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	semester_id integer not null references semesters (id),
	status text not null default 'generating'
		check (status in ('generating', 'draft', 'published', 'cancelled', 'failed')),
	-- the vn-school-timetable/1 problem the version was generated from (the engine's ids map to rows)
	problem jsonb not null,
	seed integer not null check (seed >= 0),
	time_limit_seconds smallint not null check (time_limit_seconds between 1 and 600),
	-- the generating job (jobs of 0090, created after this file on an empty database: no key)
	job_id bigint,
	-- the generator's figures: hard violations (always 0 when stored), soft penalty, teacher gaps
	figures jsonb,
	-- periods the generator could not place: [{ lesson, class, subject, periods }]
	unplaced jsonb not null default '[]',
	error text,
	effective_from date,
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	published_at timestamptz,
	published_by integer references users (id),
	version integer not null default 1,
	constraint timetable_versions_school_id_id_key unique (school_id, id),
	check (status <> 'published' or effective_from is not null)
);
create index timetable_versions_school_idx on timetable_versions (school_id, id desc);
create index timetable_versions_published_idx
	on timetable_versions (school_id, effective_from desc, id desc) where status = 'published';

-- One period of a version: a class, a subject, its teacher, a slot (day 0 = Monday, period 0 = the
-- first of the day, counted across sessions). The keys refuse a class or a teacher twice in a slot.
-- kind: 'lesson', or the parts of HĐTN held by the homeroom teacher: 'flag' (Chào cờ), 'meeting'
-- (Sinh hoạt lớp).
create table timetable_cells (
	version_id integer not null,
	school_id integer not null,
	class_id integer not null,
	subject_id integer not null references subjects (id),
	staff_id integer not null,
	kind text not null default 'lesson' check (kind in ('lesson', 'flag', 'meeting')),
	day smallint not null check (day between 0 and 6),
	period smallint not null check (period between 0 and 15),
	primary key (version_id, class_id, day, period),
	constraint timetable_cells_teacher_slot_key unique (version_id, staff_id, day, period),
	constraint timetable_cells_version_same_school
		foreign key (school_id, version_id) references timetable_versions (school_id, id)
		on delete cascade,
	constraint timetable_cells_class_same_school
		foreign key (school_id, class_id) references classes (school_id, id) on delete cascade,
	constraint timetable_cells_staff_same_school
		foreign key (school_id, staff_id) references staff (school_id, id)
);
create index timetable_cells_staff_idx on timetable_cells (staff_id, version_id);
