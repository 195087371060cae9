-- Organisation tree: a department (Sở GD&ĐT, one per province) -> areas -> schools.
-- Areas carry validity dates because district-level units were abolished on 01/07/2025:
-- an area can be retired and schools moved without losing history (audit_log keeps the moves).

create table departments (
	id integer generated always as identity primary key,
	code text not null unique,
	name text not null,
	province_name text not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version integer not null default 1
);

create table areas (
	id integer generated always as identity primary key,
	department_id integer not null references departments (id),
	code text not null,
	name text not null,
	kind text not null default 'district' check (kind in ('city', 'town', 'district', 'cluster', 'other')),
	active boolean not null default true,
	valid_from date,
	valid_to date,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version integer not null default 1,
	unique (department_id, code)
);

create table schools (
	id integer generated always as identity primary key,
	department_id integer not null references departments (id),
	area_id integer not null references areas (id),
	code text not null unique,
	name text not null,
	-- lower-case, diacritics removed: accent-insensitive search without an extension
	search_text text not null default '',
	level text not null check (level in (
		'MN', 'TH', 'THCS', 'THPT', 'TH_THCS', 'THCS_THPT',
		'PTDTBT_TH', 'PTDTBT_THCS', 'PTDTBT_TH_THCS', 'PTDTNT_THCS', 'PTDTNT_THPT', 'PTDTNT_THCS_THPT'
	)),
	commune text,
	address text,
	principal_name text,
	phone text,
	email text,
	student_count integer not null default 0 check (student_count >= 0),
	class_count integer not null default 0 check (class_count >= 0),
	staff_count integer not null default 0 check (staff_count >= 0),
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer,
	updated_by integer,
	version integer not null default 1
);
create index schools_area_idx on schools (area_id);
create index schools_department_level_idx on schools (department_id, level);

-- School years: semester I has 18 teaching weeks, semester II 17 (MOET framework decisions).
create table school_years (
	id integer generated always as identity primary key,
	name text not null unique,
	starts_on date not null,
	ends_on date not null,
	is_current boolean not null default false,
	check (ends_on > starts_on)
);
create unique index school_years_one_current on school_years (is_current) where is_current;

create table semesters (
	id integer generated always as identity primary key,
	school_year_id integer not null references school_years (id) on delete cascade,
	number smallint not null check (number in (1, 2)),
	starts_on date not null,
	ends_on date not null,
	teaching_weeks smallint not null check (teaching_weeks between 1 and 30),
	unique (school_year_id, number)
);

-- Subjects of the 2018 general education programme (Circular 32/2018, amended by Circular 13/2022).
create table subjects (
	id integer generated always as identity primary key,
	code text not null,
	level text not null check (level in ('TH', 'THCS', 'THPT')),
	name_vi text not null,
	name_en text not null,
	-- Circular 22/2021 Art. 5: some subjects are assessed by comment only
	assessment text not null default 'score' check (assessment in ('score', 'comment')),
	is_elective boolean not null default false,
	sort_order smallint not null default 0,
	unique (level, code)
);

create table subject_periods (
	subject_id integer not null references subjects (id) on delete cascade,
	grade smallint not null check (grade between 1 and 12),
	periods_per_year smallint not null check (periods_per_year >= 0),
	primary key (subject_id, grade)
);

-- The official list of 54 ethnic groups (GSO, Decision 121-TCTK/PPCĐ).
create table ethnicities (
	code text primary key,
	name text not null
);
