-- Rollout waves ("vết dầu loang": the pilot, then wave 1, 2, ...) and each school's wave and mentor.
-- A finished school of an earlier wave may mentor schools of later waves.

create table rollout_waves (
	id integer generated always as identity primary key,
	department_id integer not null references departments (id),
	-- 0 is the pilot; later waves count up
	ordinal smallint not null check (ordinal between 0 and 99),
	name text not null,
	starts_on date not null,
	target_on date not null,
	note text,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1,
	check (target_on >= starts_on),
	unique (department_id, ordinal)
);

create table school_waves (
	school_id integer primary key references schools (id),
	wave_id integer not null references rollout_waves (id),
	mentor_school_id integer references schools (id),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1,
	check (mentor_school_id is distinct from school_id)
);
create index school_waves_wave_idx on school_waves (wave_id);
create index school_waves_mentor_idx on school_waves (mentor_school_id) where mentor_school_id is not null;
