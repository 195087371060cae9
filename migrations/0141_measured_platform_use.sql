-- Issue 9, point 4: the DECLARED status of a platform at a school (school_platforms.status, set
-- by the school, an import or the seed) and its MEASURED use (the share of the school's teachers
-- who used it in the last 30 days, against the department's threshold) are kept apart. The
-- adoption evaluation writes the measurement on every pair it judges; it no longer takes back an
-- "in use" that a person declared (see server/usage/status.ts). Null: not measured yet.
alter table school_platforms
	add column measured_active integer check (measured_active >= 0),
	add column measured_teachers integer check (measured_teachers >= 0),
	add column measured_threshold smallint check (measured_threshold between 1 and 100),
	add column measured_on date;

-- Schools whose platforms are in use by measurement (teachers > 0 and active / teachers at or
-- above the threshold), beside platforms_in_use (declared).
alter table school_rollout_summary
	add column platforms_measured_in_use smallint not null default 0,
	add column platforms_measured smallint not null default 0;
