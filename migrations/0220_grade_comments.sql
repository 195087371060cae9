-- Comments (nhận xét) of Circular 22/2021 (Art. 5, 7) and Circular 27/2020: the subject teacher's
-- comment per pupil x subject x semester (the gradebook's comment column). Versioned like a gradebook cell, so a
-- concurrent edit is never overwritten silently; an emptied comment keeps its row (body '') so
-- its version keeps growing. Every change is in audit_log (grades.comment.save).
-- Numbered in the block 0220-0229 handed to this branch; it refers only to tables of 0002 and of
-- 0091 (the (school_id, id) keys), so it runs in either order with 0230-0250.
create table grade_comments (
	id bigint generated always as identity primary key,
	school_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	subject_id integer not null references subjects (id),
	semester_id integer not null references semesters (id),
	class_id integer not null,
	body text not null check (char_length(body) <= 500),
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	constraint grade_comments_key unique (student_id, subject_id, semester_id),
	foreign key (school_id, class_id) references classes (school_id, id)
);
create index grade_comments_gradebook_idx on grade_comments (class_id, subject_id, semester_id);
