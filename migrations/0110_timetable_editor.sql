-- Timetable editor (issue 12): the school admin moves and swaps periods of a draft and locks the
-- cells that a new generation must keep. A published timetable never changes: a new draft is
-- copied from it (`based_on`), edited and published as a new version.

-- a locked cell stays where it is when the timetable is generated again from this version
alter table timetable_cells add column locked boolean not null default false;

alter table timetable_versions
	add column based_on integer references timetable_versions (id) on delete set null,
	add column edited_at timestamptz,
	add column edited_by integer references users (id);
