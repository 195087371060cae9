-- Usage events: one use of a platform by a teacher, logged by the teacher (manual), reported by the
-- platform (api), imported from the platform's export (import) or generated for the demo (seed).
-- Events reference staff directly: most teachers outside the pilot schools have no account.
-- school_id, platform_id, staff_id and token_id have no foreign keys on purpose: each check takes a
-- KEY SHARE lock on the same few parent rows (one school, one platform, one token) for every event,
-- which made concurrent API batches wait on each other (measured: FK triggers were half the insert
-- time of a 1000-event batch). Only the usage service writes these rows, from ids it has just read,
-- and schools, platforms, staff and tokens are never deleted (they are deactivated, retired, revoked).
create table usage_events (
	id bigint generated always as identity primary key,
	school_id integer not null,
	platform_id integer not null,
	staff_id integer not null,
	-- the day of use in Vietnam's time zone; occurred_at when the source gave a time
	occurred_on date not null,
	occurred_at timestamptz,
	periods smallint check (periods between 0 and 20),
	minutes integer check (minutes between 0 and 1440),
	students integer check (students between 0 and 5000),
	class_ids integer[] not null default '{}',
	class_name text,
	note text,
	source text not null check (source in ('manual', 'api', 'import', 'seed')),
	token_id integer,
	source_event_id text,
	import_batch_id text,
	created_by integer references users (id),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version integer not null default 1,
	check ((source = 'api') = (token_id is not null)),
	check (source not in ('api', 'import') or source_event_id is not null)
);
-- Idempotency: an event id is stored once per token, also under concurrent retries
-- (insert ... on conflict do nothing), and once per school and platform for imported files.
create unique index usage_events_token_key on usage_events (token_id, source_event_id)
	where token_id is not null;
create unique index usage_events_import_key on usage_events (school_id, platform_id, source_event_id)
	where source = 'import';
-- A teacher's own history.
create index usage_events_staff_idx on usage_events (staff_id, occurred_on, id);
