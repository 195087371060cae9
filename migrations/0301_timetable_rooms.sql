-- Rooms (issue 12): the special rooms of a school (labs, computer rooms, the gym, the yard) and
-- which subjects need a room of a type. The timetable format (vn-school-timetable/1) has no rooms,
-- so the generator does not place rooms: the room view shares a type's rooms among the classes
-- having a lesson that needs it in each slot of the published timetable, and names the slots
-- where there are more such classes than rooms.
create table timetable_rooms (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	name text not null check (char_length(name) between 1 and 60),
	type text not null check (type in ('lab', 'computer', 'gym', 'yard', 'other')),
	capacity smallint check (capacity between 1 and 500),
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	constraint timetable_rooms_name_key unique (school_id, name)
);

create table timetable_subject_rooms (
	school_id integer not null references schools (id),
	subject_id integer not null references subjects (id),
	room_type text not null check (room_type in ('lab', 'computer', 'gym', 'yard', 'other')),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	primary key (school_id, subject_id)
);
