-- Reads of a pupil's personal data by staff outside the pupil's classes (issue 13, privacy; Law
-- 91/2025, Decree 356/2025): who (user), which pupil, what was opened, when. One row per read of a
-- detail page, written by one INSERT ... SELECT that also decides whether the reader
-- teaches the pupil (then nothing is written). The school admin reads the school's rows; a
-- guardian reads their children's. Rows older than the retention period are deleted by the nightly
-- messages.retention job. A deleted user leaves the row (user_id null: "a deleted account").
create table pupil_access_log (
	id bigint generated always as identity primary key,
	school_id integer not null references schools (id) on delete cascade,
	student_id integer not null,
	user_id integer references users (id) on delete set null,
	what text not null check (what in ('pupil', 'guardian')),
	accessed_at timestamptz not null default now(),
	request_id text check (request_id is null or char_length(request_id) <= 100),
	foreign key (school_id, student_id) references students (school_id, id) on delete cascade
);
create index pupil_access_log_school_idx on pupil_access_log (school_id, accessed_at desc, id desc);
create index pupil_access_log_student_idx on pupil_access_log (student_id, accessed_at desc, id desc);
create index pupil_access_log_time_idx on pupil_access_log (accessed_at);
