-- The teacher's own figures (/teacher/usage, the page teachers open most) read usage_daily_teacher
-- by staff and day range; its primary key leads with school_id, so without this index every
-- request scanned the whole table (218,000 rows in the demo province, far more in a real one).
create index usage_daily_teacher_staff_day_idx on usage_daily_teacher (staff_id, day);
