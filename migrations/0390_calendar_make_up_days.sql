-- Make-up school days (issue 11): a Saturday, a Sunday or a day off declared a school day, by the
-- department for the whole province or by one school (a storm closure made up later). One day per
-- row, exactly one owner, at most one make-up row per owner and day.
create table calendar_make_up_days (
	id integer generated always as identity primary key,
	school_year_id integer not null references school_years (id) on delete cascade,
	department_id integer references departments (id),
	school_id integer references schools (id),
	day date not null,
	name text not null check (length(name) between 1 and 120),
	created_by integer references users (id),
	created_at timestamptz not null default now(),
	check ((department_id is null) <> (school_id is null))
);
create unique index calendar_make_up_days_department_day on calendar_make_up_days (department_id, day)
	where department_id is not null;
create unique index calendar_make_up_days_school_day on calendar_make_up_days (school_id, day)
	where school_id is not null;
