-- Every change of people, roles (and later grades) is written here by the services.
create table audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	actor_user_id integer references users (id),
	action text not null,
	entity text not null,
	entity_id text not null,
	school_id integer references schools (id),
	before jsonb,
	after jsonb,
	request_id text
);
create index audit_log_entity_idx on audit_log (entity, entity_id, at);
create index audit_log_school_idx on audit_log (school_id, at) where school_id is not null;

-- An uploaded import file, parsed and validated, waiting for confirmation.
-- Nothing reaches the real tables until the whole file is valid and the user confirms.
create table import_batches (
	id text primary key,
	kind text not null,
	school_id integer references schools (id),
	department_id integer references departments (id),
	file_name text not null,
	row_count integer not null,
	error_count integer not null,
	rows jsonb not null,
	errors jsonb not null,
	status text not null default 'preview' check (status in ('preview', 'committed', 'discarded')),
	created_by integer not null references users (id),
	created_at timestamptz not null default now(),
	committed_at timestamptz
);
create index import_batches_created_idx on import_batches (created_at);
