-- The homeroom teacher's part of Circular 22 (issue 11): conduct per semester (Art. 8), summer
-- re-tests (Art. 14) and the re-assessment after summer conduct training (Art. 13), and each pupil's
-- stored year summary (levels, conduct, absences, decisions, award), recomputed by the service in the
-- same transaction as any input (scores, conduct, re-tests, attendance), so pages read stored rows.

-- term '1' / '2': the semester's conduct; 'summer': the re-assessment after summer training.
create table grade_conduct (
	school_id integer not null,
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	term text not null check (term in ('1', '2', 'summer')),
	level text not null check (level in ('tot', 'kha', 'dat', 'chua_dat')),
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id, term),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index grade_conduct_class_idx on grade_conduct (class_id, school_year_id);

-- A summer re-test of a subject: a score (scored subject) or Đạt / Chưa đạt (comment subject).
create table grade_retests (
	school_id integer not null,
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	subject_id integer not null references subjects (id),
	value numeric(3, 1) check (value between 0 and 10),
	passed boolean,
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id, subject_id),
	check ((value is null) <> (passed is null)),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index grade_retests_class_idx on grade_retests (class_id, school_year_id);

-- One row per pupil and school year: what the class summary, the parent and the figures read.
create table grade_year_summaries (
	school_id integer not null,
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	learning1 text check (learning1 in ('tot', 'kha', 'dat', 'chua_dat')),
	learning2 text check (learning2 in ('tot', 'kha', 'dat', 'chua_dat')),
	learning_year text check (learning_year in ('tot', 'kha', 'dat', 'chua_dat')),
	adjusted_subject_id integer references subjects (id),
	conduct1 text check (conduct1 in ('tot', 'kha', 'dat', 'chua_dat')),
	conduct2 text check (conduct2 in ('tot', 'kha', 'dat', 'chua_dat')),
	conduct_year text check (conduct_year in ('tot', 'kha', 'dat', 'chua_dat')),
	absences_excused integer not null default 0 check (absences_excused >= 0),
	absences_unexcused integer not null default 0 check (absences_unexcused >= 0),
	decision text check (decision in ('promoted', 'summer_retest', 'summer_conduct_training',
		'summer_conduct_training_and_retest', 'repeat')),
	retest_subject_ids integer[] not null default '{}',
	learning_final text check (learning_final in ('tot', 'kha', 'dat', 'chua_dat')),
	conduct_final text check (conduct_final in ('tot', 'kha', 'dat', 'chua_dat')),
	final_decision text check (final_decision in ('promoted', 'repeat')),
	award text check (award in ('xuat_sac', 'gioi')),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index grade_year_summaries_class_idx on grade_year_summaries (class_id, school_year_id);
