-- The homeroom teacher's comment on a pupil's term (nhận xét của giáo viên chủ nhiệm, Circular 22
-- Art. 7 and the report card): one text per pupil, school year and semester, versioned like conduct
-- (a stale save is refused), audited by the service, shown on the report card once published.
create table homeroom_comments (
	school_id integer not null,
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	school_year_id integer not null references school_years (id),
	term text not null check (term in ('1', '2')),
	body text not null check (char_length(body) <= 1000),
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id, term),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index homeroom_comments_class_idx on homeroom_comments (class_id, school_year_id);
