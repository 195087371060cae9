-- A platform's usage export uploaded by a school admin, validated and waiting for confirmation.
-- Its own table (not import_batches): the rows are usage events, not roster records. Previews
-- expire after a day; an expired or finished batch keeps its counts but drops its rows (e-mails).
create table usage_import_batches (
	id text primary key,
	school_id integer not null references schools (id),
	platform_id integer not null references platforms (id),
	file_name text not null,
	row_count integer not null,
	error_count integer not null,
	events jsonb not null,
	errors jsonb not null,
	status text not null default 'preview' check (status in ('preview', 'committed', 'discarded')),
	accepted integer,
	duplicates integer,
	created_by integer not null references users (id),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null default (now() + interval '1 day'),
	committed_at timestamptz
);
create index usage_import_batches_school_idx on usage_import_batches (school_id, created_at);
