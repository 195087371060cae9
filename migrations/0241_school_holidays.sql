-- Days off of a school (issue 13, response figures): public holidays, Tết, a day the school is
-- closed. A parent's message is judged "answered within one working day" counting only working
-- days: the school's week (timetable_settings.days: 6 = Monday to Saturday; else Monday to Friday)
-- minus these days. Entered by the school admin on the response figures page.
create table school_holidays (
	school_id integer not null references schools (id) on delete cascade,
	day date not null,
	name text not null check (char_length(name) between 1 and 100),
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	primary key (school_id, day)
);
-- Finding a school's answers: staff messages of a conversation by time.
create index if not exists conversation_messages_conversation_time_idx
	on conversation_messages (conversation_id, created_at);
