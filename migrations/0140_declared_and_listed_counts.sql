-- Issue 9, point 1: a school's pupils and classes are two different figures. The school DECLARES
-- how many it has (schools.declared_*: the statistics it reports); the roster LISTS the pupils and
-- classes entered so far (schools.student_count / class_count, recomputed from the roster by
-- refreshSchoolCounts). Until now one column held both, so a school adding its first class
-- dropped from 605 pupils to 4 and the province total fell by 600. Totals use the declared figure
-- (a roster being built never moves them) and show the listed one beside it.
alter table schools
	add column declared_student_count integer check (declared_student_count between 0 and 100000),
	add column declared_class_count integer check (declared_class_count between 0 and 5000);

-- What the column held so far is the best declaration we have.
update schools set declared_student_count = student_count, declared_class_count = class_count;

-- From now on student_count and class_count are what the roster lists, nothing else.
update schools set
	student_count = (select count(*) from students s where s.school_id = schools.id and s.active),
	class_count = (select count(*) from classes c join school_years y on y.id = c.school_year_id
		where c.school_id = schools.id and c.active and y.is_current);

alter table school_rollout_summary
	add column declared_student_count integer,
	add column declared_class_count integer;

update school_rollout_summary r set declared_student_count = s.declared_student_count,
	declared_class_count = s.declared_class_count, student_count = s.student_count,
	class_count = s.class_count
from schools s where s.id = r.school_id;

create or replace function rollout_school_inserted() returns trigger language plpgsql as $$
begin
	insert into school_rollout_summary
		(school_id, department_id, area_id, level, active, student_count, class_count,
			declared_student_count, declared_class_count)
	values (new.id, new.department_id, new.area_id, new.level, new.active, new.student_count,
		new.class_count, new.declared_student_count, new.declared_class_count);
	insert into school_platforms (school_id, platform_id)
	select new.id, p.id from platforms p where p.retired_at is null
	on conflict do nothing;
	update school_rollout_summary s set platforms_total = (select count(*) from platforms p where p.retired_at is null)
	where s.school_id = new.id;
	return null;
end $$;

create or replace function rollout_school_changed() returns trigger language plpgsql as $$
begin
	update school_rollout_summary
	set department_id = new.department_id, area_id = new.area_id, level = new.level,
		active = new.active, student_count = new.student_count, class_count = new.class_count,
		declared_student_count = new.declared_student_count,
		declared_class_count = new.declared_class_count, updated_at = now()
	where school_id = new.id;
	return null;
end $$;

drop trigger schools_rollout_dims on schools;
create trigger schools_rollout_dims
	after update of department_id, area_id, level, active, student_count, class_count,
		declared_student_count, declared_class_count on schools
	for each row
	when ((old.department_id, old.area_id, old.level, old.active, old.student_count, old.class_count,
			old.declared_student_count, old.declared_class_count)
		is distinct from (new.department_id, new.area_id, new.level, new.active, new.student_count,
			new.class_count, new.declared_student_count, new.declared_class_count))
	execute function rollout_school_changed();
