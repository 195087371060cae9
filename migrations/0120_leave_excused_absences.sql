-- Approved leave requests excuse absences (issue 13): an absence recorded for a session that an
-- approved leave request covers is "excused" and names the request, so the family sees which
-- request excused it. Sessions whose roll is taken after the approval are excused when the roll is
-- saved; sessions already taken become excused when the request is approved. Set to null when the
-- request is deleted (retention): the absence itself stays.
alter table attendance_absences
	add column leave_request_id integer references leave_requests (id) on delete set null;
create index attendance_absences_leave_idx on attendance_absences (leave_request_id)
	where leave_request_id is not null;
