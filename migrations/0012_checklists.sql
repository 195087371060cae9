-- Checklist templates (versioned: a published revision never changes; editing makes a new draft
-- revision), their criteria, and each school's checklist with items, evidence and history.
-- The MOET Decision 4725 template ships from unverified sources: is_verified = false labels it.

create table checklist_templates (
	id integer generated always as identity primary key,
	department_id integer not null references departments (id),
	code text not null check (code ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
	revision integer not null default 1 check (revision >= 1),
	-- 'model': the smart-school model checklist (progress, completion); 'dti': the 4725 index (levels)
	kind text not null check (kind in ('model', 'dti')),
	name_vi text not null,
	name_en text not null,
	description_vi text not null default '',
	description_en text not null default '',
	is_verified boolean not null default true,
	status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
	published_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1,
	unique (department_id, code, revision)
);

create table checklist_criteria (
	id integer generated always as identity primary key,
	template_id integer not null references checklist_templates (id) on delete cascade,
	group_code text not null check (group_code in ('teaching', 'management')),
	code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9.-]{0,20}$'),
	title_vi text not null,
	title_en text not null,
	-- how to do it and what it needs ("sờ được")
	guidance_vi text not null default '',
	guidance_en text not null default '',
	max_points numeric(6, 2) not null default 0 check (max_points between 0 and 100),
	-- Decision 4725: without a mandatory condition the group stays at level 1
	is_mandatory boolean not null default false,
	evidence_required boolean not null default false,
	-- due either a number of days after the school's wave starts, or on a fixed date
	due_offset_days integer check (due_offset_days between 0 and 3650),
	due_on date,
	platform_id integer references platforms (id),
	sort_order smallint not null default 0,
	unique (template_id, code)
);

create table school_checklists (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	-- one checklist per school and template revision; the newest of each kind counts
	template_id integer not null references checklist_templates (id),
	status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'approved')),
	submitted_at timestamptz,
	submitted_by integer references users (id),
	reviewed_at timestamptz,
	reviewed_by integer references users (id),
	approved_at timestamptz,
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1,
	unique (school_id, template_id)
);
create index school_checklists_submitted_idx on school_checklists (school_id) where status = 'submitted';
create index school_checklists_template_idx on school_checklists (template_id);

create table school_checklist_items (
	id integer generated always as identity primary key,
	checklist_id integer not null references school_checklists (id) on delete cascade,
	criterion_id integer not null references checklist_criteria (id),
	school_id integer not null references schools (id),
	status text not null default 'not_started'
		check (status in ('not_started', 'in_progress', 'done', 'not_applicable')),
	self_score numeric(6, 2) check (self_score >= 0),
	-- the reviewer's own score (external assessment), kept beside the school's
	reviewer_score numeric(6, 2) check (reviewer_score >= 0),
	review_decision text check (review_decision in ('accepted', 'returned')),
	review_comment text,
	responsible_staff_id integer references staff (id),
	due_on date,
	note text,
	updated_at timestamptz not null default now(),
	updated_by integer references users (id),
	version integer not null default 1,
	unique (checklist_id, criterion_id)
);
create index school_checklist_items_school_idx on school_checklist_items (school_id);

create table checklist_evidence (
	id integer generated always as identity primary key,
	item_id integer not null references school_checklist_items (id) on delete cascade,
	school_id integer not null references schools (id),
	kind text not null check (kind in ('file', 'link')),
	url text,
	-- random file name under UPLOAD_DIR; never derived from the upload's name
	storage_key text unique,
	file_name text,
	content_type text,
	size_bytes integer,
	label text,
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	check (
		(kind = 'link' and url is not null)
		or (kind = 'file' and storage_key is not null and file_name is not null and size_bytes is not null)
	)
);
create index checklist_evidence_item_idx on checklist_evidence (item_id);

-- Every step: item edits, evidence, submit, review, approve, return, recall.
create table checklist_history (
	id bigint generated always as identity primary key,
	checklist_id integer not null references school_checklists (id) on delete cascade,
	item_id integer references school_checklist_items (id) on delete cascade,
	school_id integer not null references schools (id),
	at timestamptz not null default now(),
	actor_user_id integer references users (id),
	action text not null,
	from_status text,
	to_status text,
	reason text,
	changes jsonb
);
create index checklist_history_checklist_idx on checklist_history (checklist_id, at);
create index checklist_history_item_idx on checklist_history (item_id, at) where item_id is not null;
