-- Attachments of official notices (issue 13): photos (JPEG, PNG, WebP) and PDFs, checked by
-- content like message attachments and rollout evidence. The bytes live in the file storage under a
-- random key; a row says which notice they belong to. Downloaded only by the notice's readers at a
-- target school and by the officials whose scope holds the notice (server/official-notices/files.ts).
create table official_notice_attachments (
	id integer generated always as identity primary key,
	notice_id integer not null references official_notices (id) on delete cascade,
	storage_key text not null unique,
	file_name text not null check (char_length(file_name) between 1 and 200),
	content_type text not null,
	size_bytes integer not null check (size_bytes > 0),
	created_by integer references users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index official_notice_attachments_notice_idx on official_notice_attachments (notice_id);
