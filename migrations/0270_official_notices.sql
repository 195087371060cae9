-- Official notices (issue 13): the department (Sở) or an area office (Phòng) writes once to the
-- administrators (and, when asked, the teachers) of the schools in its scope. `area_id` null is a
-- notice of the province's scope. The notice is fanned out to one row per target school by one
-- INSERT ... SELECT in the sending transaction; a school counts as having read it when one of its
-- administrators opened it (`official_notice_schools.read_at`), counted on the notice
-- (`read_count`, raised by the statement that sets a school's first read, so lists need no count). Each reader's own read is kept apart (`official_notice_reads`).
create table official_notices (
	id integer generated always as identity primary key,
	department_id integer not null references departments (id),
	area_id integer references areas (id),
	title text not null check (char_length(title) between 1 and 200),
	body text not null check (char_length(body) between 1 and 10000),
	include_teachers boolean not null default false,
	sent_by integer not null references users (id),
	sent_at timestamptz not null default now(),
	school_count integer not null default 0,
	-- target schools whose administrator has opened it (kept with `official_notice_schools.read_at`)
	read_count integer not null default 0
);
-- the lists of the department and of an area office, newest first
create index official_notices_department_idx on official_notices (department_id, sent_at desc);
create index official_notices_area_idx on official_notices (area_id, sent_at desc)
	where area_id is not null;

create table official_notice_schools (
	notice_id integer not null references official_notices (id) on delete cascade,
	school_id integer not null references schools (id),
	read_at timestamptz,
	primary key (notice_id, school_id)
);
-- a school's inbox, newest first
create index official_notice_schools_school_idx on official_notice_schools (school_id, notice_id desc);

create table official_notice_reads (
	notice_id integer not null,
	school_id integer not null,
	user_id integer not null references users (id),
	read_at timestamptz not null default now(),
	primary key (notice_id, school_id, user_id),
	foreign key (notice_id, school_id) references official_notice_schools (notice_id, school_id)
		on delete cascade
);
create index official_notice_reads_user_idx on official_notice_reads (user_id, school_id, notice_id);
