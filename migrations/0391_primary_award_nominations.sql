-- "Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện" (Circular 27, Art. 13): the
-- homeroom teacher nominates a pupil whose year result is Hoàn thành tốt for an outstanding
-- subject or clear progress in a quality or competence, with a reason; the principal (the school
-- admin) confirms or refuses. One nomination per pupil and school year.
create table primary_award_nominations (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id) on delete cascade,
	subject_id integer references subjects (id),
	quality_item text check (quality_item is null or length(quality_item) between 1 and 40),
	reason text not null check (length(reason) between 1 and 500),
	status text not null default 'nominated' check (status in ('nominated', 'confirmed', 'refused')),
	nominated_by integer references users (id),
	nominated_at timestamptz not null default now(),
	decided_by integer references users (id),
	decided_at timestamptz,
	version integer not null default 0,
	check ((subject_id is null) <> (quality_item is null)),
	unique (student_id, school_year_id),
	foreign key (school_id, class_id) references classes (school_id, id) on delete cascade
);
create index primary_award_nominations_class on primary_award_nominations (class_id, school_year_id);
