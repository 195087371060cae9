-- Attendance per session (issue 11): the homeroom teacher takes the roll of a class for a day and a
-- session (morning or afternoon: the 45-session rule of Circular 22, Art. 12 counts sessions). A pupil
-- without an absence row on a taken roll was present; an absence is excused or unexcused.
create table attendance_rolls (
	class_id integer not null references classes (id) on delete cascade,
	day date not null,
	session text not null check (session in ('morning', 'afternoon')),
	taken_by integer references users (id),
	taken_at timestamptz not null default now(),
	version integer not null default 1,
	primary key (class_id, day, session)
);

create table attendance_absences (
	class_id integer not null,
	student_id integer not null references students (id) on delete cascade,
	day date not null,
	session text not null check (session in ('morning', 'afternoon')),
	status text not null check (status in ('excused', 'unexcused')),
	primary key (student_id, day, session),
	foreign key (class_id, day, session)
		references attendance_rolls (class_id, day, session) on delete cascade
);
create index attendance_absences_roll_idx on attendance_absences (class_id, day, session);
