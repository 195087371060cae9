-- A pupil's class per school year (issue 11: enrolment history), so that last year's results,
-- gradebooks and report cards stay with last year's class after the year rollover.
-- students.class_id stays the pupil's latest class (what the roster edits and the current-year pages
-- read); student_enrolments keeps one row per pupil x school year. A trigger on students keeps it
-- for every roster change (a new pupil, a move, an import, the seed), so no writer can forget it.

-- the (id, school_year_id) a composite foreign key needs: an enrolment's class is of its year
alter table classes add constraint classes_id_school_year_key unique (id, school_year_id);

create table student_enrolments (
	school_id integer not null,
	student_id integer not null,
	school_year_id integer not null references school_years (id),
	class_id integer not null,
	-- what the year rollover decided for this year's enrolment (null until it ran for the pupil)
	outcome text check (outcome in ('promoted', 'repeat', 'graduated')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (student_id, school_year_id),
	constraint student_enrolments_student_same_school
		foreign key (school_id, student_id) references students (school_id, id) on delete cascade,
	constraint student_enrolments_class_same_school
		foreign key (school_id, class_id) references classes (school_id, id) on delete cascade,
	constraint student_enrolments_class_of_year
		foreign key (class_id, school_year_id) references classes (id, school_year_id)
		on delete cascade
);
create index student_enrolments_class_idx on student_enrolments (class_id);

-- every pupil's current class becomes their enrolment of that class's year
insert into student_enrolments (school_id, student_id, school_year_id, class_id)
select s.school_id, s.id, c.school_year_id, c.id
from students s join classes c on c.id = s.class_id
on conflict do nothing;

-- A new class: the enrolment of that class's year (a move within a year replaces the year's class).
-- Taken out of a class (no class): the enrolment of that class is dropped unless the rollover
-- already decided on it (then it is history).
create function student_enrolment_kept() returns trigger language plpgsql as $$
begin
	if new.class_id is not null then
		insert into student_enrolments (school_id, student_id, school_year_id, class_id)
		select new.school_id, new.id, c.school_year_id, c.id from classes c where c.id = new.class_id
		on conflict (student_id, school_year_id) do update
			set class_id = excluded.class_id, updated_at = now()
			where student_enrolments.class_id <> excluded.class_id;
	elsif tg_op = 'UPDATE' and old.class_id is not null then
		delete from student_enrolments e
		where e.student_id = new.id and e.class_id = old.class_id and e.outcome is null;
	end if;
	return null;
end $$;

create trigger students_enrolment_insert after insert on students
	for each row when (new.class_id is not null)
	execute function student_enrolment_kept();

create trigger students_enrolment_update after update of class_id on students
	for each row when (old.class_id is distinct from new.class_id)
	execute function student_enrolment_kept();

-- The year rollover of a class (who moved it, when); the lock that makes a double submit one result.
create table class_rollovers (
	school_id integer not null,
	class_id integer not null,
	target_year_id integer not null references school_years (id),
	moved integer not null default 0,
	committed_by integer references users (id),
	committed_at timestamptz not null default now(),
	runs integer not null default 1,
	primary key (class_id),
	constraint class_rollovers_class_same_school
		foreign key (school_id, class_id) references classes (school_id, id) on delete cascade
);
