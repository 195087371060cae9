-- The school's own reading of Circular 27, Art. 7 (issue 11, primary): which subjects have a
-- periodic test in which grade, per school and school year. Without a row a grade x subject follows
-- the default table (src/lib/grades/primary-tests.ts); a row overrides it: at_end = a test at the end
-- of semester I and of the year, at_mid = a test at mid-semester I and II. Edited by the school's
-- admin with a version check; every change in audit_log.
create table primary_test_plans (
	school_id integer not null references schools (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	grade smallint not null check (grade between 1 and 5),
	subject_id integer not null references subjects (id),
	at_end boolean not null,
	at_mid boolean not null,
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	primary key (school_id, school_year_id, grade, subject_id)
);
