-- Parents who can sign in (issue 13): an account is reached by an e-mail or a phone number (or
-- both), guardians are invited with one-time activation codes, and the privacy notice accepted at
-- activation is recorded with its version.

-- An account needs an e-mail or a phone number, not necessarily an e-mail. `login_phone` is the
-- normalised sign-in number (+84 and the national number, see $lib/phone.ts); one account each.
alter table users alter column email drop not null;
alter table users add column login_phone text;
create unique index users_login_phone_key on users (login_phone) where login_phone is not null;
alter table users add constraint users_email_or_phone check (email is not null or login_phone is not null);
-- When the user first set a password through an activation code (null: invited, not yet active).
alter table users add column activated_at timestamptz;

alter table guardians add constraint guardians_school_id_id_key unique (school_id, id);

-- One-time activation codes: only an HMAC of the code is kept; the plain code is printed once on
-- the guardian's slip. A code is for one guardian row of one school (the slip names the child).
create table activation_codes (
	id integer generated always as identity primary key,
	user_id integer not null references users (id) on delete cascade,
	school_id integer not null references schools (id),
	guardian_id integer not null,
	code_hash text not null,
	expires_at timestamptz not null,
	used_at timestamptz,
	revoked_at timestamptz,
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	foreign key (school_id, guardian_id) references guardians (school_id, id) on delete cascade
);
create index activation_codes_user_idx on activation_codes (user_id)
	where used_at is null and revoked_at is null;
create index activation_codes_guardian_idx on activation_codes (guardian_id);

-- Consent to the privacy notice (Law 91/2025/QH15, Decree 356/2025/NĐ-CP): who accepted which
-- version, when, and from where. A new version of the notice is accepted again.
create table privacy_consents (
	id integer generated always as identity primary key,
	user_id integer not null references users (id) on delete cascade,
	notice_version text not null,
	-- The children linked to the account when it was accepted (consent for each child's data).
	student_ids integer[] not null default '{}',
	accepted_at timestamptz not null default now(),
	ip text,
	user_agent text
);
create index privacy_consents_user_idx on privacy_consents (user_id);
