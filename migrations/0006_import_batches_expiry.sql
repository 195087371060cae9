-- Import batches live between the preview and the confirmation only: they expire after a day, and
-- remember whether rows with existing codes update those rows (otherwise such rows are errors) and
-- the summary shown on the preview.
alter table import_batches
	add column expires_at timestamptz not null default (now() + interval '1 day'),
	add column update_existing boolean not null default false,
	add column summary jsonb not null default '{}'::jsonb;

create index import_batches_school_idx on import_batches (school_id, created_at) where school_id is not null;
create index import_batches_expiry_idx on import_batches (expires_at) where status = 'preview';
