-- E-mail delivery of the messages module (issue 13). In the portal every notice, message and
-- automatic notice is always shown; e-mail is opt-in per user and per category
-- (notification_preferences). The e-mails to send are written to delivery_outbox in the same
-- transaction as the message, notice or notification they announce, together with one
-- 'messages.deliver' job per batch (the jobs table: several processes, leases, retries). The job
-- claims rows with FOR UPDATE SKIP LOCKED under a lease (claimed_until), sends, and marks each row
-- sent at once; a failed row is retried with backoff, then 'dead' with its error. A process killed
-- mid-batch leaves its rows claimed until the lease ends; the job, claimed again, sends them then.
create table notification_preferences (
	user_id integer primary key references users (id) on delete cascade,
	-- the categories also sent by e-mail: 'message', 'notice', 'auto'
	email_kinds text[] not null default '{}'
		check (email_kinds <@ array['message', 'notice', 'auto']::text[]),
	updated_at timestamptz not null default now()
);

create table delivery_outbox (
	id bigint generated always as identity primary key,
	-- what the e-mail announces, e.g. 'message:12', 'notice:3', 'event:40'; the job's key too
	batch_key text not null,
	user_id integer not null references users (id) on delete cascade,
	email text not null,
	subject text not null,
	body text not null,
	status text not null default 'pending' check (status in ('pending', 'sent', 'dead')),
	attempts integer not null default 0,
	next_attempt_at timestamptz not null default now(),
	claimed_until timestamptz,
	last_error text,
	created_at timestamptz not null default now(),
	sent_at timestamptz,
	constraint delivery_outbox_once unique (batch_key, user_id)
);
create index delivery_outbox_due_idx on delivery_outbox (batch_key, next_attempt_at)
	where status = 'pending';
create index delivery_outbox_dead_idx on delivery_outbox (created_at desc) where status = 'dead';
