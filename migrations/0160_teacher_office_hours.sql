-- Office hours of teachers (issue 13): per teacher (staff row, so per school), the weekly ranges in
-- which they answer messages, in Vietnam time (UTC+7 all year). Weekday 1 = Monday .. 7 = Sunday;
-- minutes since midnight, end exclusive (1440 = midnight). No row for a teacher: always available.
-- Messages are always delivered at once in the portal; the e-mail to a teacher for a message sent
-- outside their hours waits (delivery_outbox.next_attempt_at and the job's run_at) for the next start.
create table teacher_office_hours (
	school_id integer not null,
	staff_id integer not null,
	weekday smallint not null check (weekday between 1 and 7),
	start_minute smallint not null check (start_minute between 0 and 1439),
	end_minute smallint not null check (end_minute between 1 and 1440),
	updated_by integer references users (id) on delete set null,
	updated_at timestamptz not null default now(),
	constraint teacher_office_hours_order check (end_minute > start_minute),
	constraint teacher_office_hours_pkey primary key (staff_id, weekday, start_minute),
	constraint teacher_office_hours_staff foreign key (school_id, staff_id)
		references staff (school_id, id) on delete cascade
);
