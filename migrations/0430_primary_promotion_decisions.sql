-- The principal's decision for a primary pupil whose year result is Chưa hoàn thành (Circular 27,
-- Art. 11): after the summer support the teacher lists the pupil and the principal (the school
-- admin in the portal) decides "lên lớp" (promote) or "ở lại lớp" (repeat), with a note. One
-- decision per pupil and school year; the year rollover reads it. Versioned: a second admin's
-- stale form is refused.
create table primary_promotion_decisions (
	school_id integer not null references schools (id),
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id) on delete cascade,
	decision text not null check (decision in ('promote', 'repeat')),
	note text not null check (length(note) between 1 and 500),
	decided_by integer references users (id),
	decided_at timestamptz not null default now(),
	version integer not null default 1,
	primary key (student_id, school_year_id),
	foreign key (school_id, class_id) references classes (school_id, id) on delete cascade
);
create index primary_promotion_decisions_class on primary_promotion_decisions (class_id, school_year_id);
