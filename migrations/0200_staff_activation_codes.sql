-- A school admin invites a staff member or guardian by e-mail and hears the same answer whether or
-- not the address already has an account (issue 8, item 10). A new address gets an account without
-- a password, a link request like an existing account's, and a one-time activation code: the
-- codes of 0050 now belong to a guardian row or to a staff row.
alter table activation_codes alter column guardian_id drop not null;
alter table activation_codes add column staff_id integer;
alter table activation_codes
	add constraint activation_codes_staff_fkey foreign key (school_id, staff_id)
		references staff (school_id, id) on delete cascade;
alter table activation_codes
	add constraint activation_codes_one_row check (num_nonnulls(guardian_id, staff_id) = 1);
create index activation_codes_staff_idx on activation_codes (staff_id) where staff_id is not null;

-- The address the school typed (what its pages show of a waiting invitation; never the account's).
alter table guardian_link_requests add column email text;
-- 'withheld': an invitation the school made to an address whose account may not be asked (a
-- department or area official): kept only so the school's page reads as for any other invitation;
-- its owner never sees it.
alter table guardian_link_requests drop constraint guardian_link_requests_status_check;
alter table guardian_link_requests add constraint guardian_link_requests_status_check
	check (status in ('pending', 'accepted', 'refused', 'cancelled', 'withheld'));
