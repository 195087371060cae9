-- Trying a slip's code at /activate must not tell whether the address already had an account
-- (issue 8, item 10). The slip of an existing account carries a decoy code: it is now kept (as an
-- HMAC, like a real code) on the link request, so /activate can answer it as it answers a real
-- code. With an e-mail login both only go on after the mailbox's owner opens the link e-mailed to
-- the address: a real code keeps the link's token (its SHA-256) and the chosen password's hash
-- until then; a decoy sends the account's owner a "sign in and accept" e-mail.
alter table guardian_link_requests add column code_hash text;
alter table guardian_link_requests add column code_expires_at timestamptz;

alter table activation_codes add column confirm_hash text;
alter table activation_codes add column confirm_password_hash text;
alter table activation_codes add column confirm_until timestamptz;
create unique index activation_codes_confirm_hash_key on activation_codes (confirm_hash)
	where confirm_hash is not null;
