-- Checkpoints of the grades module (issue 11): per school and school year, the entry window and the
-- lock date of each checkpoint (mid-term I, end of term I, mid-term II, end of term II and year),
-- the publication of a class's results to its parents per checkpoint, and the correction requests
-- a teacher makes after a lock. The rules are in src/lib/grades/checkpoints.ts.

-- The window is the entry period of the checkpoint's periodic column (GK at mid-term, CK at the end
-- of term): before opens_on it is refused, after closes_on it is late (still accepted, and the
-- admin sees it). From locks_on (Vietnam day) the checkpoint's cells are read-only.
create table grade_checkpoints (
	school_id integer not null references schools (id),
	school_year_id integer not null references school_years (id),
	checkpoint text not null check (checkpoint in ('mid1', 'end1', 'mid2', 'year')),
	opens_on date,
	closes_on date,
	locks_on date,
	version integer not null default 1,
	updated_by integer references users (id),
	updated_at timestamptz not null default now(),
	primary key (school_id, school_year_id, checkpoint),
	check (closes_on >= opens_on),
	check (locks_on >= closes_on),
	check (locks_on >= opens_on)
);

-- A checkpoint published to the parents of one class (the class gives the school, as for
-- grade_scores). Never deleted: parents may have read it.
create table grade_publications (
	class_id integer not null references classes (id) on delete cascade,
	checkpoint text not null check (checkpoint in ('mid1', 'end1', 'mid2', 'year')),
	published_by integer references users (id),
	published_at timestamptz not null default now(),
	primary key (class_id, checkpoint)
);

-- A teacher's request to change a locked cell: the value it had (and its version) when asked, the
-- value wanted and why; the admin approves (the cell is written, audited and the results
-- recomputed) or refuses with a note. One pending request per cell.
create table grade_corrections (
	id integer generated always as identity primary key,
	class_id integer not null references classes (id) on delete cascade,
	student_id integer not null references students (id) on delete cascade,
	subject_id integer not null references subjects (id),
	semester_id integer not null references semesters (id),
	column_key text not null check (column_key in
		('tx1', 'tx2', 'tx3', 'tx4', 'tx5', 'tx6', 'tx7', 'tx8', 'tx9', 'gk', 'ck')),
	old_value numeric(3, 1) check (old_value between 0 and 10),
	old_state text not null
		check (old_state in ('value', 'absent_makeup', 'exempt', 'dat', 'chua_dat')),
	old_version integer not null check (old_version >= 0),
	new_value numeric(3, 1) check (new_value between 0 and 10),
	new_state text not null
		check (new_state in ('value', 'absent_makeup', 'exempt', 'dat', 'chua_dat')),
	reason text not null check (length(reason) between 1 and 1000),
	status text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
	requested_by integer not null references users (id),
	requested_at timestamptz not null default now(),
	decided_by integer references users (id),
	decided_at timestamptz,
	decision_note text check (length(decision_note) <= 1000),
	version integer not null default 1,
	check (old_state = 'value' or old_value is null),
	check (new_state = 'value' or new_value is null),
	check ((status = 'pending') = (decided_at is null))
);
create unique index grade_corrections_one_pending
	on grade_corrections (student_id, subject_id, semester_id, column_key) where status = 'pending';
create index grade_corrections_book_idx on grade_corrections (class_id, subject_id, semester_id);
create index grade_corrections_pending_idx on grade_corrections (class_id) where status = 'pending';
