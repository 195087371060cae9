-- Summaries of usage_events, kept up to date in the same transaction as the events (set-based
-- upserts), so that dashboards never scan raw events. Derived data: no foreign keys, rows whose
-- sessions fall to zero are deleted. Weeks start on Monday (date_trunc('week')).

-- per school, platform and day: sessions and minutes
create table usage_daily (
	school_id integer not null,
	platform_id integer not null,
	day date not null,
	sessions integer not null,
	minutes bigint not null default 0,
	primary key (school_id, platform_id, day)
);
create index usage_daily_day_idx on usage_daily (day);

-- per teacher, platform and day: a teacher's own figures, and the source of first/last use
create table usage_daily_teacher (
	school_id integer not null,
	staff_id integer not null,
	platform_id integer not null,
	day date not null,
	sessions integer not null,
	minutes bigint not null default 0,
	primary key (school_id, staff_id, platform_id, day)
);

-- per class reached ('c<class id>' for a class of the roster, 'n:<name>' for a class named by a platform)
create table usage_daily_class (
	school_id integer not null,
	platform_id integer not null,
	day date not null,
	class_key text not null,
	sessions integer not null,
	primary key (school_id, platform_id, day, class_key)
);

-- first and last day each teacher used each platform: active teachers in any window at once
create table usage_teacher_platform (
	school_id integer not null,
	platform_id integer not null,
	staff_id integer not null,
	first_on date not null,
	last_on date not null,
	primary key (school_id, platform_id, staff_id)
);

-- per school, platform and week: the trend
create table usage_weekly (
	school_id integer not null,
	platform_id integer not null,
	week date not null,
	sessions integer not null,
	minutes bigint not null default 0,
	active_teachers integer not null default 0,
	primary key (school_id, platform_id, week)
);
create index usage_weekly_week_idx on usage_weekly (week);

-- which teachers were active in which week (active_teachers of usage_weekly counts these rows)
create table usage_weekly_teacher (
	school_id integer not null,
	platform_id integer not null,
	week date not null,
	staff_id integer not null,
	sessions integer not null,
	primary key (school_id, platform_id, week, staff_id)
);
