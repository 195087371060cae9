-- Retention of the messages module (issue 13; Law 91/2025 and Decree 356/2025: personal data is
-- kept only as long as its purpose needs). Each school sets how long conversations, notices,
-- automatic notices and leave requests are kept (no row: 730 days); the daily job
-- 'messages.retention' deletes what is older, attachments' files first. Sent or dead outbox
-- e-mails are kept 30 days.
create table message_retention_settings (
	school_id integer primary key references schools (id) on delete cascade,
	retention_days integer not null check (retention_days between 30 and 3650),
	updated_by integer references users (id) on delete set null,
	updated_at timestamptz not null default now(),
	version integer not null default 1
);
create index notifications_created_idx on notifications (created_at);
create index notices_sent_idx on notices (sent_at);
create index conversation_messages_created_idx on conversation_messages (created_at);
