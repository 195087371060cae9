-- Uploaded files (checklist evidence) kept in the database when the portal runs on a PostgreSQL
-- server, so that every portal process serves every file (files/database-storage.ts). The embedded
-- database keeps them in UPLOAD_DIR. A file is written chunk by chunk (about 256 KB each, no
-- transaction held during the upload) and becomes readable when `complete` is set.
create table files (
	id text primary key check (id ~ '^[a-f0-9]{48}$'),
	size_bytes bigint not null default 0 check (size_bytes >= 0),
	complete boolean not null default false,
	created_at timestamptz not null default now()
);

create table file_chunks (
	file_id text not null references files (id) on delete cascade,
	seq integer not null check (seq >= 0),
	data bytea not null,
	primary key (file_id, seq)
);
-- Evidence is mostly PDF and images, already compressed: store the chunks out of line as they are.
alter table file_chunks alter column data set storage external;
