-- Attachments of conversation messages and notices (issue 13): photos (JPEG, PNG, WebP) and PDFs,
-- type checked by content like rollout evidence. The bytes live in the file storage (server/files)
-- under a random key; this row says whose they are. Exactly one of message_id / notice_id is set;
-- who may download one is who may read that message or notice (server/messages/attachments.ts).
-- Deleting the message or notice deletes the row; the retention job removes the stored file first.
create table message_attachments (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	message_id bigint references conversation_messages (id) on delete cascade,
	notice_id integer references notices (id) on delete cascade,
	storage_key text not null unique,
	file_name text not null check (char_length(file_name) between 1 and 200),
	content_type text not null,
	size_bytes integer not null check (size_bytes > 0),
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now(),
	check ((message_id is null) <> (notice_id is null))
);
create index message_attachments_message_idx on message_attachments (message_id)
	where message_id is not null;
create index message_attachments_notice_idx on message_attachments (notice_id)
	where notice_id is not null;
