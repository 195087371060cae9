-- Jobs: everything long or scheduled runs from this table, so that several portal processes on one
-- database share the work. A worker claims a due job with FOR UPDATE SKIP LOCKED and holds a lease
-- (locked_until) that it renews while the handler runs; a job whose lease expired (crashed process)
-- is claimed again by any worker. (kind, key) is unique: a scheduled job's key is its instant, so
-- each slot is inserted once however many processes schedule it. Jobs without a key never conflict.
create table jobs (
	id bigint generated always as identity primary key,
	kind text not null,
	key text,
	payload jsonb not null default '{}',
	status text not null default 'queued'
		check (status in ('queued', 'running', 'failed', 'succeeded', 'dead', 'cancelled')),
	run_at timestamptz not null default now(),
	attempts integer not null default 0,
	max_attempts integer not null default 5 check (max_attempts >= 1),
	locked_by text,
	locked_until timestamptz,
	progress jsonb,
	cancel_requested boolean not null default false,
	result jsonb,
	last_error text,
	created_at timestamptz not null default now(),
	finished_at timestamptz,
	constraint jobs_kind_key_unique unique (kind, key)
);
-- What a worker looks for: waiting jobs by due time, running jobs by lease.
create index jobs_due_idx on jobs (run_at) where status in ('queued', 'failed');
create index jobs_lease_idx on jobs (locked_until) where status = 'running';
create index jobs_kind_idx on jobs (kind, id desc);

-- One row per attempt: the department's job page shows them, and tests count them.
create table job_runs (
	id bigint generated always as identity primary key,
	job_id bigint not null references jobs (id) on delete cascade,
	attempt integer not null,
	worker text not null,
	started_at timestamptz not null default now(),
	finished_at timestamptz,
	outcome text check (outcome in ('succeeded', 'failed', 'cancelled', 'lease_expired')),
	error text
);
create index job_runs_job_idx on job_runs (job_id, id desc);

-- Domain events, written in the transaction of the change they describe ("results published").
-- Readers (the communication module) follow them by id: `where id > cursor order by id`.
create table domain_events (
	id bigint generated always as identity primary key,
	module text not null,
	kind text not null,
	subject_type text not null,
	subject_id text not null,
	school_id integer references schools (id) on delete set null,
	payload jsonb not null default '{}',
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index domain_events_kind_idx on domain_events (module, kind, id);
create index domain_events_school_idx on domain_events (school_id, id) where school_id is not null;

-- Request limits of the JSON API per token (fixed window), counted in one upsert.
create table api_rate_limits (
	key text primary key,
	window_started_at timestamptz not null,
	count integer not null
);
