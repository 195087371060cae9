-- Leave requests (đơn xin nghỉ học, issue 13): a guardian asks leave for an own child for days and
-- sessions with a reason; the homeroom teacher of the child's class (or the school's admin) approves
-- or refuses it with a note. Kept for attendance (which marks approved sessions "excused" once it
-- exists). The class is the child's class when asked: its homeroom teacher answers.
create table leave_requests (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	student_id integer not null,
	class_id integer not null,
	requested_by integer not null references users (id),
	from_day date not null,
	to_day date not null,
	sessions text not null check (sessions in ('all', 'morning', 'afternoon')),
	reason text not null check (char_length(reason) between 1 and 2000),
	status text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
	answered_by integer references users (id),
	answered_at timestamptz,
	answer_note text check (char_length(answer_note) <= 2000),
	created_at timestamptz not null default now(),
	version integer not null default 1,
	constraint leave_requests_student_same_school
		foreign key (school_id, student_id) references students (school_id, id) on delete cascade,
	check (to_day >= from_day and to_day - from_day <= 30),
	check ((status = 'pending') = (answered_at is null))
);
create index leave_requests_student_idx on leave_requests (student_id, from_day desc);
create index leave_requests_class_idx on leave_requests (class_id, status, created_at desc);
