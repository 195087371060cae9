-- Conversations between a family and the school, always about one named pupil (issue 13).
-- The staff side is one teacher (the homeroom or a subject teacher of the pupil's class) or the school
-- office (any school admin of the school). Who may read a conversation is exactly its participants
-- (and, for the office, the school's admins): services check it with `conversationWhere`.

-- Same-school links are composite keys (like 0091). This file runs before 0091 on a new database and
-- after it on an existing one, so it brings its own unique indexes under names no other file uses.
create unique index if not exists students_school_id_id_messages_key on students (school_id, id);
create unique index if not exists staff_school_id_id_messages_key on staff (school_id, id);

create table conversations (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	student_id integer not null,
	-- 'homeroom' / 'subject' : a teacher (staff_id); 'office': the school's admins
	kind text not null check (kind in ('homeroom', 'subject', 'office')),
	staff_id integer,
	subject_id integer references subjects (id),
	title text not null check (char_length(title) between 1 and 200),
	started_by integer not null references users (id),
	created_at timestamptz not null default now(),
	last_message_id bigint,
	last_message_at timestamptz not null default now(),
	constraint conversations_student_same_school
		foreign key (school_id, student_id) references students (school_id, id) on delete cascade,
	constraint conversations_staff_same_school
		foreign key (school_id, staff_id) references staff (school_id, id),
	check ((kind = 'office') = (staff_id is null)),
	check (kind = 'subject' or subject_id is null)
);
create index conversations_school_idx on conversations (school_id, kind, last_message_at desc);
create index conversations_student_idx on conversations (student_id);

-- The people of a conversation and how far each has read ("đã xem" with the time).
create table conversation_participants (
	conversation_id integer not null references conversations (id) on delete cascade,
	user_id integer not null references users (id),
	side text not null check (side in ('family', 'staff')),
	last_read_message_id bigint,
	last_read_at timestamptz,
	joined_at timestamptz not null default now(),
	primary key (conversation_id, user_id)
);
create index conversation_participants_user_idx on conversation_participants (user_id, conversation_id);

create table conversation_messages (
	id bigint generated always as identity primary key,
	conversation_id integer not null references conversations (id) on delete cascade,
	sender_id integer not null references users (id),
	side text not null check (side in ('family', 'staff')),
	body text not null check (char_length(body) between 1 and 5000),
	created_at timestamptz not null default now()
);
create index conversation_messages_conversation_idx on conversation_messages (conversation_id, id);
