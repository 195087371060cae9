-- The department dashboard at a country's scale (50,000 schools, bench:rollout):
-- * the count of schools whose use of a platform is measured at or above its threshold read every
--   school_platforms row (600,000) to keep a few; a partial index holds only the rows that count;
-- * the at-risk list (first page, by target date) sorted every active school of the department;
--   an index in that order lets it stop at the page's last row.
create index school_platforms_measured_in_use on school_platforms (platform_id, school_id)
	where measured_teachers > 0 and measured_active * 100 >= measured_threshold * measured_teachers;

create index school_rollout_summary_dept_target
	on school_rollout_summary (department_id, wave_target_on, school_id) where active;
