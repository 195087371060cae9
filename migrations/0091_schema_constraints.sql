-- A stricter schema (issue 7): rows that belong to one school may only link to rows of the same
-- school, history rows only carry the values the services write, and every *_by column names a user.
-- Same-school links are composite foreign keys on (school_id, x_id) against a unique (school_id, id)
-- of the parent; they replace the plain foreign keys on x_id (MATCH SIMPLE: a null x_id is not checked).

alter table staff add constraint staff_school_id_id_key unique (school_id, id);
alter table classes add constraint classes_school_id_id_key unique (school_id, id);
alter table school_checklists add constraint school_checklists_school_id_id_key unique (school_id, id);
alter table school_checklist_items
	add constraint school_checklist_items_school_id_id_key unique (school_id, id);

-- A class's homeroom teacher works at the class's school.
alter table classes
	drop constraint classes_homeroom_staff_id_fkey,
	add constraint classes_homeroom_same_school
		foreign key (school_id, homeroom_staff_id) references staff (school_id, id);

-- A pupil's class is a class of the pupil's school.
alter table students
	drop constraint students_class_id_fkey,
	add constraint students_class_same_school
		foreign key (school_id, class_id) references classes (school_id, id);

-- A teaching assignment's class and teacher are of one school: the assignment now carries it.
alter table teaching_assignments add column school_id integer;
update teaching_assignments ta set school_id = c.school_id from classes c where c.id = ta.class_id;
alter table teaching_assignments
	alter column school_id set not null,
	drop constraint teaching_assignments_class_id_fkey,
	drop constraint teaching_assignments_staff_id_fkey,
	add constraint teaching_assignments_class_same_school
		foreign key (school_id, class_id) references classes (school_id, id) on delete cascade,
	add constraint teaching_assignments_staff_same_school
		foreign key (school_id, staff_id) references staff (school_id, id);

-- A checklist item belongs to a checklist of its own school; its evidence and history too.
-- Responsible people are staff of the school.
alter table school_checklist_items
	drop constraint school_checklist_items_checklist_id_fkey,
	drop constraint school_checklist_items_responsible_staff_id_fkey,
	add constraint school_checklist_items_checklist_same_school
		foreign key (school_id, checklist_id) references school_checklists (school_id, id)
		on delete cascade,
	add constraint school_checklist_items_staff_same_school
		foreign key (school_id, responsible_staff_id) references staff (school_id, id);

alter table checklist_evidence
	drop constraint checklist_evidence_item_id_fkey,
	add constraint checklist_evidence_item_same_school
		foreign key (school_id, item_id) references school_checklist_items (school_id, id)
		on delete cascade;

alter table checklist_history
	drop constraint checklist_history_checklist_id_fkey,
	drop constraint checklist_history_item_id_fkey,
	add constraint checklist_history_checklist_same_school
		foreign key (school_id, checklist_id) references school_checklists (school_id, id)
		on delete cascade,
	add constraint checklist_history_item_same_school
		foreign key (school_id, item_id) references school_checklist_items (school_id, id)
		on delete cascade;

alter table school_platforms
	drop constraint school_platforms_responsible_staff_id_fkey,
	add constraint school_platforms_staff_same_school
		foreign key (school_id, responsible_staff_id) references staff (school_id, id);

-- History rows: only the values the services write (StatusSource in db/tables/rollout.ts; the
-- checklist actions of rollout/workflow.ts, checklist-items.ts, evidence.ts and apply.ts).
alter table school_platform_history
	add constraint school_platform_history_source_check
		check (source in ('manual', 'usage', 'import', 'seed'));
alter table checklist_history
	add constraint checklist_history_action_check
		check (action in ('applied', 'submit', 'withdraw', 'approve', 'return', 'recall',
			'item_saved', 'item_reviewed', 'evidence_added', 'evidence_removed'));

-- The only *_by columns without a foreign key.
alter table schools
	add constraint schools_created_by_fkey foreign key (created_by) references users (id),
	add constraint schools_updated_by_fkey foreign key (updated_by) references users (id);
