-- Post/Redirect/Get (issue 9, item 10): a POST that must show a one-time value (a new API token,
-- a generated password, activation codes) is idempotent instead of redirecting. The form carries a
-- random key; the first POST with it stores its answer here, a repeat (a reload) gets the same
-- answer and creates nothing. The row is found by a hash of (user, action, key) and the answer is
-- encrypted with a key derived from the form key, which only the browser holds: the database alone
-- cannot read a token or password. Rows are removed after a day.
create table form_keys (
	key_hash bytea primary key,
	user_id integer not null references users (id) on delete cascade,
	result bytea,
	created_at timestamptz not null default now()
);
create index form_keys_created_at on form_keys (created_at);
