-- Linking an existing account as a guardian needs its owner's consent (issue 8, item 10). When the
-- e-mail or phone number a school has for a guardian belongs to an account someone already uses,
-- the school only asks: the owner sees the request after signing in and accepts or refuses it;
-- only acceptance links the account to the guardian row and gives it the parent role.
create table guardian_link_requests (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	guardian_id integer not null,
	user_id integer not null references users (id) on delete cascade,
	-- pending -> accepted | refused; cancelled when the guardian row was linked otherwise meanwhile.
	status text not null default 'pending'
		check (status in ('pending', 'accepted', 'refused', 'cancelled')),
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	answered_at timestamptz,
	foreign key (school_id, guardian_id) references guardians (school_id, id) on delete cascade
);
-- One request per guardian row and account: asking again never sends a second one, and a refusal
-- stays a refusal.
create unique index guardian_link_requests_key on guardian_link_requests (guardian_id, user_id);
create index guardian_link_requests_open_idx on guardian_link_requests (user_id)
	where status = 'pending';
