-- Cover without a substitute (issue 12): a lesson of an absent teacher may be left to the class as
-- self-study ('self_study', "tự học") or merged with another class that has a lesson then
-- ('merged', the other class in merged_class_id). Only a 'substitute' cover has a staff member.

alter table timetable_covers alter column staff_id drop not null;
alter table timetable_covers
	add column kind text not null default 'substitute'
		check (kind in ('substitute', 'self_study', 'merged')),
	add column merged_class_id integer,
	add constraint timetable_covers_kind_staff_check
		check ((kind = 'substitute') = (staff_id is not null)),
	add constraint timetable_covers_kind_merged_check
		check ((kind = 'merged') = (merged_class_id is not null)),
	add constraint timetable_covers_merged_same_school
		foreign key (school_id, merged_class_id) references classes (school_id, id);
create index timetable_covers_absent_idx on timetable_covers (absent_staff_id, day);
