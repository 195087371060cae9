-- Linking an existing account as a staff member needs its owner's consent too (issue 8, item 10):
-- the guardian link requests of 0150 become the one mechanism for both kinds of row. A request is
-- about exactly one guardian row or one staff row of the school; a staff request carries the roles
-- the school offers at the school ('teacher', 'school_admin'), granted only when the owner accepts.
alter table guardian_link_requests alter column guardian_id drop not null;
alter table guardian_link_requests add column staff_id integer;
alter table guardian_link_requests add column roles text[] not null default '{}';
alter table guardian_link_requests
	add constraint guardian_link_requests_staff_fkey foreign key (school_id, staff_id)
		references staff (school_id, id) on delete cascade;
alter table guardian_link_requests
	add constraint guardian_link_requests_one_row check (num_nonnulls(guardian_id, staff_id) = 1);
-- A guardian request offers no role but the parent role; a staff request offers one or both roles.
alter table guardian_link_requests
	add constraint guardian_link_requests_roles check (
		roles <@ array['teacher', 'school_admin']::text[]
		and (staff_id is null) = (cardinality(roles) = 0)
	);
-- One request per staff row and account, as per guardian row and account (nulls never collide).
create unique index guardian_link_requests_staff_key on guardian_link_requests (staff_id, user_id);
