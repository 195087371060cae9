-- Post/redirect/get for every form without JavaScript (issue 9, item 10). The page a successful
-- form post renders is kept here for a few minutes, encrypted, for the session that posted it;
-- the browser is sent (303) to a GET that shows it, so a reload never sends the form again.
create table post_answers (
	id text primary key,
	session_id text not null references sessions (id) on delete cascade,
	-- AES-256-GCM: 12-byte nonce, 16-byte tag, then the page.
	body bytea not null,
	headers jsonb not null,
	expires_at timestamptz not null
);
create index post_answers_expires_idx on post_answers (expires_at);
