-- Issue 11: entering grades and attendance in the portal counts as use of the e-gradebook and
-- contact-book platforms, without the teacher logging it by hand. Such events have the source
-- 'portal' and are stored once per teacher, platform, day and activity on a class
-- (source_event_id 'grades:<class id>' or 'attendance:<class id>').
alter table usage_events drop constraint usage_events_source_check;
alter table usage_events add constraint usage_events_source_check
	check (source in ('manual', 'api', 'import', 'seed', 'portal'));
create unique index usage_events_portal_key
	on usage_events (staff_id, platform_id, occurred_on, source_event_id)
	where source = 'portal';
