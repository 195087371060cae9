-- Rollout: the catalogue of required digital platforms and each school's deployment of them.
-- The default 12 are editable configuration, not law (shared/domain/rollout.md).

create table platforms (
	id integer generated always as identity primary key,
	code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
	name_vi text not null,
	name_en text not null,
	group_code text not null check (group_code in ('teaching', 'management')),
	description_vi text not null default '',
	description_en text not null default '',
	how_to_vi text not null default '',
	how_to_en text not null default '',
	requirements_vi text not null default '',
	requirements_en text not null default '',
	suggested_vendors text not null default '',
	sort_order smallint not null default 0,
	-- A retired platform keeps its history but no longer counts towards "12/12".
	retired_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1
);

create table school_platforms (
	school_id integer not null references schools (id),
	platform_id integer not null references platforms (id),
	status text not null default 'not_started'
		check (status in ('not_started', 'deploying', 'deployed', 'in_use')),
	-- 'usage' when the status was set from adoption data (usage module), 'manual' otherwise
	status_source text not null default 'manual' check (status_source in ('manual', 'usage', 'import', 'seed')),
	vendor text,
	go_live_on date,
	evidence_url text,
	responsible_staff_id integer references staff (id),
	note text,
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1,
	primary key (school_id, platform_id)
);
create index school_platforms_platform_status_idx on school_platforms (platform_id, status);

-- Every status change: who, when, from, to.
create table school_platform_history (
	id bigint generated always as identity primary key,
	school_id integer not null references schools (id),
	platform_id integer not null references platforms (id),
	at timestamptz not null default now(),
	actor_user_id integer references users (id),
	from_status text,
	to_status text not null,
	source text not null default 'manual',
	note text,
	-- other fields changed in the same edit: {"vendor": ["old", "new"], ...}
	changes jsonb
);
create index school_platform_history_school_idx on school_platform_history (school_id, platform_id, at);
create index school_platform_history_at_idx on school_platform_history (at);
