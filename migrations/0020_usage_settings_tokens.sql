-- Usage module: the department's adoption setting and the API tokens platforms report usage with.

-- A platform counts as in use at a school when at least this share (percent) of the school's
-- teachers used it in the last 30 days. Default 50%; the department edits it.
create table usage_settings (
	department_id integer primary key references departments (id),
	in_use_threshold smallint not null default 50 check (in_use_threshold between 1 and 100),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1
);

-- API tokens: only the SHA-256 of the token is stored (it is shown once, at creation).
-- Scope: one school (every platform, or one platform), or for the department one platform
-- across the department's schools.
create table usage_api_tokens (
	id integer generated always as identity primary key,
	name text not null check (length(name) between 1 and 100),
	token_hash text not null unique,
	-- the first characters of the token, to recognise it in the list
	token_prefix text not null,
	school_id integer references schools (id),
	department_id integer references departments (id),
	platform_id integer references platforms (id),
	created_by integer not null references users (id),
	created_at timestamptz not null default now(),
	last_used_at timestamptz,
	revoked_at timestamptz,
	revoked_by integer references users (id),
	check (
		(school_id is not null and department_id is null)
		or (school_id is null and department_id is not null and platform_id is not null)
	)
);
create index usage_api_tokens_school_idx on usage_api_tokens (school_id) where school_id is not null;
create index usage_api_tokens_department_idx on usage_api_tokens (department_id)
	where department_id is not null;
