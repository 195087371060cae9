-- Announcements (issue 13): a school admin sends a notice to a target (the whole school, grades,
-- classes, selected pupils' families, or the staff only), written once and fanned out to one row per
-- recipient user by a single INSERT ... SELECT in the sending transaction. Each recipient row keeps
-- when it was delivered, read, confirmed (when the notice asks for it) and last reminded.
create table notices (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	title text not null check (char_length(title) between 1 and 200),
	body text not null check (char_length(body) between 1 and 10000),
	audience text not null check (audience in ('families', 'staff')),
	target_kind text not null check (target_kind in ('school', 'grades', 'classes', 'students', 'staff')),
	-- the grades, class ids or pupil ids of the target (empty for the school and the staff)
	target_ids integer[] not null default '{}',
	requires_confirmation boolean not null default false,
	confirm_by timestamptz,
	sent_by integer not null references users (id),
	sent_at timestamptz not null default now(),
	recipient_count integer not null default 0,
	last_reminded_at timestamptz,
	remind_count integer not null default 0,
	check (requires_confirmation or confirm_by is null),
	check ((target_kind = 'staff') = (audience = 'staff'))
);
create index notices_school_idx on notices (school_id, sent_at desc);

create table notice_recipients (
	notice_id integer not null references notices (id) on delete cascade,
	user_id integer not null references users (id),
	delivered_at timestamptz not null default now(),
	read_at timestamptz,
	confirmed_at timestamptz,
	reminded_at timestamptz,
	primary key (notice_id, user_id)
);
create index notice_recipients_user_idx on notice_recipients (user_id, notice_id desc);
