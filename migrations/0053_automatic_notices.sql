-- Automatic notices (issue 13): what other modules' domain events mean for a user ("the checklist
-- was returned", "results were published"), one row per event and user. (event_id, user_id) is
-- unique, so processing an event twice (a restart, two processes, a re-read overlap) adds nothing.
-- The text is a template of the kind rendered in the reader's language from `params`.
create table notifications (
	id bigint generated always as identity primary key,
	user_id integer not null references users (id) on delete cascade,
	-- domain_events (0090) comes after this file on a new database: no foreign key to it
	event_id bigint not null,
	kind text not null,
	school_id integer references schools (id) on delete cascade,
	params jsonb not null default '{}',
	link text not null,
	created_at timestamptz not null default now(),
	read_at timestamptz,
	constraint notifications_event_user_key unique (event_id, user_id)
);
create index notifications_user_idx on notifications (user_id, id desc);

-- How far a reader of domain_events has got (the notices processor: 'messages.notify').
create table event_cursors (
	reader text primary key,
	last_event_id bigint not null default 0,
	updated_at timestamptz not null default now()
);
