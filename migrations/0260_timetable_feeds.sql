-- Timetable calendar feeds (issue 12): one private iCalendar link per user. The secret in the link
-- is shown once; only its SHA-256 is kept. A new link replaces the old one (the old one stops
-- working at once); revoking deletes the row.

create table timetable_feeds (
	user_id integer primary key references users (id) on delete cascade,
	token_hash text not null unique,
	created_at timestamptz not null default now()
);
