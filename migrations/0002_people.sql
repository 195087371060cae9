-- People: accounts and their role assignments, staff, classes, students and guardians.

create table users (
	id integer generated always as identity primary key,
	email text not null,
	name text not null,
	phone text,
	password_hash text,
	locale text not null default 'vi' check (locale in ('vi', 'en')),
	active boolean not null default true,
	last_login_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1
);
create unique index users_email_key on users (lower(email));

-- One user may hold several assignments (a teacher who is also a parent).
-- The scope columns that must be set depend on the role.
create table role_assignments (
	id integer generated always as identity primary key,
	user_id integer not null references users (id) on delete cascade,
	role text not null check (role in ('department', 'area', 'school_admin', 'teacher', 'parent')),
	department_id integer references departments (id),
	area_id integer references areas (id),
	school_id integer references schools (id),
	created_at timestamptz not null default now(),
	created_by integer references users (id),
	check (
		(role = 'department' and department_id is not null and area_id is null and school_id is null)
		or (role = 'area' and area_id is not null and school_id is null)
		or (role in ('school_admin', 'teacher') and school_id is not null)
		or (role = 'parent' and area_id is null and school_id is null and department_id is null)
	)
);
create unique index role_assignments_unique on role_assignments
	(user_id, role, coalesce(department_id, 0), coalesce(area_id, 0), coalesce(school_id, 0));
create index role_assignments_school_idx on role_assignments (school_id) where school_id is not null;

create table staff (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	user_id integer references users (id),
	code text not null,
	full_name text not null,
	email text,
	phone text,
	position text not null default 'teacher'
		check (position in ('principal', 'vice_principal', 'teacher', 'staff')),
	gender text check (gender in ('M', 'F')),
	date_of_birth date,
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1,
	unique (school_id, code)
);
create index staff_user_idx on staff (user_id) where user_id is not null;
create unique index staff_school_email_key on staff (school_id, lower(email)) where email is not null;

create table staff_subjects (
	staff_id integer not null references staff (id) on delete cascade,
	subject_id integer not null references subjects (id),
	primary key (staff_id, subject_id)
);

create table classes (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	school_year_id integer not null references school_years (id),
	grade smallint not null check (grade between 1 and 12),
	name text not null,
	homeroom_staff_id integer references staff (id),
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1,
	unique (school_id, school_year_id, name)
);
create index classes_homeroom_idx on classes (homeroom_staff_id) where homeroom_staff_id is not null;

-- Which teacher teaches which subject to which class: the teacher's write scope.
create table teaching_assignments (
	id integer generated always as identity primary key,
	class_id integer not null references classes (id) on delete cascade,
	subject_id integer not null references subjects (id),
	staff_id integer not null references staff (id),
	unique (class_id, subject_id)
);
create index teaching_assignments_staff_idx on teaching_assignments (staff_id);

create table students (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	class_id integer references classes (id),
	code text not null,
	full_name text not null,
	date_of_birth date,
	gender text check (gender in ('M', 'F')),
	ethnicity_code text references ethnicities (code),
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1,
	unique (school_id, code)
);
create index students_class_idx on students (class_id);

create table guardians (
	id integer generated always as identity primary key,
	school_id integer not null references schools (id),
	user_id integer references users (id),
	full_name text not null,
	phone text,
	email text,
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	created_by integer references users (id),
	updated_by integer references users (id),
	version integer not null default 1
);
create index guardians_school_idx on guardians (school_id);
create index guardians_user_idx on guardians (user_id) where user_id is not null;

create table student_guardians (
	student_id integer not null references students (id) on delete cascade,
	guardian_id integer not null references guardians (id) on delete cascade,
	relationship text not null default 'guardian'
		check (relationship in ('father', 'mother', 'guardian', 'grandparent', 'other')),
	created_at timestamptz not null default now(),
	primary key (student_id, guardian_id)
);
create index student_guardians_guardian_idx on student_guardians (guardian_id);
