-- Issue 9, point 2: a checklist with an unmet mandatory condition (Decision 4725) is approved only
-- as an explicit exception, with the reviewer's reason, shown on the checklist. Approvals made
-- before the portal checked this are marked with a note saying so.
alter table school_checklists add column approval_exception text
	check (char_length(approval_exception) between 1 and 2000);

update school_checklists c
set approval_exception = 'Duyệt trước khi cổng kiểm tra điều kiện bắt buộc; điều kiện còn thiếu được liệt kê ở "Việc tiếp theo".'
where c.status = 'approved'
	and exists (
		select 1 from school_checklist_items i
		join checklist_criteria cr on cr.id = i.criterion_id and cr.is_mandatory
		where i.checklist_id = c.id
			and not (i.status = 'done' and i.review_decision is distinct from 'returned'));
