-- The school calendar (issue 11): days without school in a school year. The department sets the
-- province's holidays (Tết, national days, breaks); a school adds its own closures (a storm, a
-- flood). Attendance is taken on school days only. Exactly one owner per row.
create table calendar_days_off (
	id integer generated always as identity primary key,
	school_year_id integer not null references school_years (id) on delete cascade,
	department_id integer references departments (id),
	school_id integer references schools (id),
	starts_on date not null,
	ends_on date not null,
	name text not null check (length(name) between 1 and 120),
	created_by integer references users (id),
	created_at timestamptz not null default now(),
	check (ends_on >= starts_on),
	check ((department_id is null) <> (school_id is null))
);
create index calendar_days_off_department on calendar_days_off (department_id, school_year_id, starts_on)
	where department_id is not null;
create index calendar_days_off_school on calendar_days_off (school_id, school_year_id, starts_on)
	where school_id is not null;
