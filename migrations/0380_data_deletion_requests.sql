-- Requests to delete one's personal data (issue 13, privacy; Law 91/2025, Decree 356/2025): a
-- signed-in user asks, once for each school that holds their data (staff row, guardian row or a
-- role there); the school's administrator records the outcome (done or refused, with a note).
-- One open request per user and school; the outcome is versioned (a stale form is refused).
create table data_deletion_requests (
	id integer generated always as identity primary key,
	user_id integer not null references users (id) on delete cascade,
	school_id integer not null references schools (id),
	reason text check (reason is null or char_length(reason) between 1 and 2000),
	status text not null default 'pending' check (status in ('pending', 'done', 'refused')),
	outcome text check (outcome is null or char_length(outcome) between 1 and 2000),
	handled_by integer references users (id) on delete set null,
	handled_at timestamptz,
	created_at timestamptz not null default now(),
	version integer not null default 1,
	check ((status = 'pending') = (handled_at is null and outcome is null))
);
create unique index data_deletion_requests_open_idx on data_deletion_requests (user_id, school_id)
	where status = 'pending';
create index data_deletion_requests_school_idx
	on data_deletion_requests (school_id, created_at desc, id desc);
