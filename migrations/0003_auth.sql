-- Sessions (lucia-auth.com guide): only the SHA-256 of the token is stored.
create table sessions (
	id text primary key,
	user_id integer not null references users (id) on delete cascade,
	expires_at timestamptz not null,
	created_at timestamptz not null default now(),
	last_used_at timestamptz not null default now(),
	ip text,
	user_agent text
);
create index sessions_user_idx on sessions (user_id);

-- Sign-in throttling per account and per IP address (fixed window with lock-out).
create table auth_throttle (
	key text primary key,
	failures integer not null default 0,
	window_started_at timestamptz not null default now(),
	locked_until timestamptz
);
