-- Primary assessment under Circular 27/2020 (issue 11, grades 1-5): per pupil, subject and checkpoint
-- a level T/H/C, the periodic test score where that grade has a test at that checkpoint (an integer
-- 1-10: no 0, no decimals; which tests exist is data in src/lib/grades/primary-plan.ts), and a comment;
-- per pupil, checkpoint and quality/competence a level Tốt/Đạt/Cần cố gắng; the stored year result,
-- recomputed by the service in the same transaction as any input of the 'year' checkpoint.
-- Checkpoints use the names of grade_checkpoints (locks) and grade_publications (publication).

create table primary_assessments (
	school_id integer not null,
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	subject_id integer not null references subjects (id),
	checkpoint text not null check (checkpoint in ('mid1', 'end1', 'mid2', 'year')),
	level text check (level in ('T', 'H', 'C')),
	test_score smallint check (test_score between 1 and 10),
	comment text not null default '' check (char_length(comment) <= 500),
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id, subject_id, checkpoint),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index primary_assessments_class_idx on primary_assessments (class_id, school_year_id, checkpoint);

create table primary_qualities (
	school_id integer not null,
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	checkpoint text not null check (checkpoint in ('mid1', 'end1', 'mid2', 'year')),
	item text not null check (item in ('yeu_nuoc', 'nhan_ai', 'cham_chi', 'trung_thuc',
		'trach_nhiem', 'tu_chu_tu_hoc', 'giao_tiep_hop_tac', 'giai_quyet_van_de', 'ngon_ngu',
		'tinh_toan', 'khoa_hoc', 'cong_nghe', 'tin_hoc', 'tham_mi', 'the_chat')),
	level text not null check (level in ('tot', 'dat', 'can_co_gang')),
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id, checkpoint, item),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index primary_qualities_class_idx on primary_qualities (class_id, school_year_id, checkpoint);

-- result null while an input of the year checkpoint is missing (`missing` counts them).
create table primary_year_results (
	school_id integer not null,
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	result text check (result in ('xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh')),
	missing integer not null default 0 check (missing >= 0),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index primary_year_results_class_idx on primary_year_results (class_id, school_year_id);
