-- Grades of secondary schools (Circular 22/2021): the assessment plan, the gradebook's scores and
-- the computed semester results. Results are recomputed by the service in the same transaction as
-- the score change, so every page reads stored results.

-- Per school, school year, grade and subject: scored or comment, periods per year and so the number
-- of regular (TX) assessments (Art. 6(2)). Without a row the plan is derived from `subjects.assessment`
-- and `subject_periods` (src/lib/grades/plan.ts); a row is the school admin's edited plan.
create table grade_plans (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	school_year_id integer not null references school_years (id),
	grade smallint not null check (grade between 6 and 12),
	subject_id integer not null references subjects (id),
	assessment text not null check (assessment in ('score', 'comment')),
	periods_per_year smallint not null check (periods_per_year between 1 and 1000),
	regular_count smallint not null check (regular_count between 1 and 9),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1,
	unique (school_id, school_year_id, grade, subject_id)
);

-- One cell of a gradebook: pupil x subject x semester x column (tx1..tx9, gk, ck).
-- state 'value' with a null value is an empty cell (never read as 0); 'absent_makeup' is
-- "vắng, chờ kiểm tra bù"; 'exempt' is "miễn"; 'dat' / 'chua_dat' are a comment subject's ratings.
create table grade_scores (
	id bigint generated always as identity primary key,
	student_id integer not null references students (id) on delete cascade,
	subject_id integer not null references subjects (id),
	semester_id integer not null references semesters (id),
	class_id integer not null references classes (id),
	column_key text not null check (column_key in
		('tx1', 'tx2', 'tx3', 'tx4', 'tx5', 'tx6', 'tx7', 'tx8', 'tx9', 'gk', 'ck')),
	value numeric(3, 1) check (value between 0 and 10),
	state text not null default 'value'
		check (state in ('value', 'absent_makeup', 'exempt', 'dat', 'chua_dat')),
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	check (state = 'value' or value is null),
	constraint grade_scores_cell_key unique (student_id, subject_id, semester_id, column_key)
);
create index grade_scores_gradebook_idx on grade_scores (class_id, subject_id, semester_id);

-- A pupil's computed semester result of a subject: the average of a scored subject, Đạt/Chưa đạt of
-- a comment subject, or null with the missing columns while the row is incomplete.
create table grade_results (
	student_id integer not null references students (id) on delete cascade,
	subject_id integer not null references subjects (id),
	semester_id integer not null references semesters (id),
	class_id integer not null references classes (id),
	status text not null check (status in ('ok', 'incomplete', 'exempt')),
	average numeric(3, 1) check (average between 0 and 10),
	passed boolean,
	missing text[] not null default '{}',
	updated_at timestamptz not null default now(),
	primary key (student_id, subject_id, semester_id),
	check (status = 'ok' or (average is null and passed is null))
);
create index grade_results_class_idx on grade_results (class_id, subject_id, semester_id);
