-- Sign-in throttle (issue 8): the accounts an IP address failed on (a shared school address is
-- locked for spraying many accounts, not for a few pupils' typos), and server secrets shared by
-- every process (the HMAC key of the trusted-device cookie).
alter table auth_throttle add column accounts text[] not null default '{}';

create table server_secrets (
	name text primary key,
	secret bytea not null,
	created_at timestamptz not null default now()
);
