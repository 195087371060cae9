import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Columns the database fills in (identity, defaults) are Generated. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** `date` columns come back as 'YYYY-MM-DD' strings (see connect.ts type parsers). */
export type DateString = string;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;
/** A stored generated column (migrations 0005, 0093): read only. */
export type GeneratedAlways<T> = ColumnType<T, never, never>;

import type { Role, SchoolLevel } from '../../types';
import type { AccountTables } from './tables/accounts';
import type { FileTables } from './tables/files';
import type { FormTables } from './tables/forms';
import type { GradesTables } from './tables/grades';
import type { JobTables } from './tables/jobs';
import type { MessageExtraTables, OfficeHoursTables } from './tables/message-extras';
import type { TimetableTables } from './tables/timetable';
import type {
	LeaveTables,
	MessagesTables,
	NoticesTables,
	NotificationsTables
} from './tables/messages';
import type { OfficialNoticeTables } from './tables/official-notices';
import type { DeletionTables } from './tables/deletion';
import type { PrivacyLogTables } from './tables/privacy-log';
import type { PrimaryTables } from './tables/primary';
import type { CalendarTables } from './tables/calendar';
import type { PrimaryAwardTables } from './tables/primary-awards';
import type { PrimaryDecisionTables } from './tables/primary-decisions';
import type { EnrolmentTables } from './tables/enrolments';
import type { RolloutTables } from './tables/rollout';
import type { UsageTables } from './tables/usage';
export type { Role, SchoolLevel };

export interface Audited {
	created_at: CreatedAt;
	updated_at: Timestamp;
	created_by: number | null;
	updated_by: number | null;
	version: Generated<number>;
}

export interface DepartmentsTable {
	id: Generated<number>;
	code: string;
	name: string;
	province_name: string;
	created_at: CreatedAt;
	updated_at: Timestamp;
	version: Generated<number>;
}

export interface AreasTable {
	id: Generated<number>;
	department_id: number;
	code: string;
	name: string;
	kind: Generated<'city' | 'town' | 'district' | 'cluster' | 'other'>;
	active: Generated<boolean>;
	valid_from: DateString | null;
	valid_to: DateString | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
	version: Generated<number>;
}

export interface SchoolsTable extends Audited {
	id: Generated<number>;
	department_id: number;
	area_id: number;
	code: string;
	name: string;
	search_text: GeneratedAlways<string>;
	level: SchoolLevel;
	commune: string | null;
	address: string | null;
	principal_name: string | null;
	phone: string | null;
	email: string | null;
	student_count: Generated<number>;
	class_count: Generated<number>;
	staff_count: Generated<number>;
	active: Generated<boolean>;
	/** what the school declares (0140); student_count/class_count are what the roster lists */
	declared_student_count: number | null;
	declared_class_count: number | null;
}

export interface SchoolYearsTable {
	id: Generated<number>;
	name: string;
	starts_on: DateString;
	ends_on: DateString;
	is_current: Generated<boolean>;
	/** counts up when the year becomes or stops being the current one (0410) */
	version: Generated<number>;
}

export interface SemestersTable {
	id: Generated<number>;
	school_year_id: number;
	number: 1 | 2;
	starts_on: DateString;
	ends_on: DateString;
	teaching_weeks: number;
}

export interface SubjectsTable {
	id: Generated<number>;
	code: string;
	level: 'TH' | 'THCS' | 'THPT';
	name_vi: string;
	name_en: string;
	assessment: Generated<'score' | 'comment'>;
	is_elective: Generated<boolean>;
	sort_order: Generated<number>;
}

export interface SubjectPeriodsTable {
	subject_id: number;
	grade: number;
	periods_per_year: number;
}

export interface EthnicitiesTable {
	code: string;
	name: string;
}

export interface UsersTable extends Audited {
	id: Generated<number>;
	email: string | null;
	name: string;
	phone: string | null;
	/** The normalised sign-in phone number (+84...), unique (migration 0050). */
	login_phone: string | null;
	password_hash: string | null;
	locale: Generated<'vi' | 'en'>;
	active: Generated<boolean>;
	last_login_at: Date | null;
	activated_at: Date | null;
}

export interface RoleAssignmentsTable {
	id: Generated<number>;
	user_id: number;
	role: Role;
	department_id: number | null;
	area_id: number | null;
	school_id: number | null;
	created_at: CreatedAt;
	created_by: number | null;
}

export type StaffPosition = 'principal' | 'vice_principal' | 'teacher' | 'staff';
export type Gender = 'M' | 'F';

export interface StaffTable extends Audited {
	id: Generated<number>;
	school_id: number;
	user_id: number | null;
	code: string;
	full_name: string;
	email: string | null;
	phone: string | null;
	position: Generated<StaffPosition>;
	gender: Gender | null;
	date_of_birth: DateString | null;
	active: Generated<boolean>;
	search_text: GeneratedAlways<string>;
	/** Vietnamese order (migration 0190, `$lib/collation.ts`). */
	name_sort: GeneratedAlways<string>;
}

export interface StaffSubjectsTable {
	staff_id: number;
	subject_id: number;
}

export interface ClassesTable extends Audited {
	id: Generated<number>;
	school_id: number;
	school_year_id: number;
	grade: number;
	name: string;
	homeroom_staff_id: number | null;
	active: Generated<boolean>;
	/** Vietnamese order (migration 0190, `$lib/collation.ts`). */
	name_sort: GeneratedAlways<string>;
}

export interface TeachingAssignmentsTable {
	id: Generated<number>;
	school_id: number;
	class_id: number;
	subject_id: number;
	staff_id: number;
}

export interface StudentsTable extends Audited {
	id: Generated<number>;
	school_id: number;
	class_id: number | null;
	code: string;
	full_name: string;
	date_of_birth: DateString | null;
	gender: Gender | null;
	ethnicity_code: string | null;
	active: Generated<boolean>;
	search_text: GeneratedAlways<string>;
	/** Vietnamese order (migration 0190, `$lib/collation.ts`). */
	name_sort: GeneratedAlways<string>;
}

export interface GuardiansTable extends Audited {
	id: Generated<number>;
	school_id: number;
	user_id: number | null;
	full_name: string;
	phone: string | null;
	email: string | null;
	active: Generated<boolean>;
	search_text: GeneratedAlways<string>;
	/** Vietnamese order (migration 0190, `$lib/collation.ts`). */
	name_sort: GeneratedAlways<string>;
}

export type GuardianRelationship = 'father' | 'mother' | 'guardian' | 'grandparent' | 'other';

export interface StudentGuardiansTable {
	student_id: number;
	guardian_id: number;
	relationship: Generated<GuardianRelationship>;
	created_at: CreatedAt;
}

export interface SessionsTable {
	id: string;
	user_id: number;
	expires_at: Date;
	created_at: CreatedAt;
	last_used_at: Timestamp;
	ip: string | null;
	user_agent: string | null;
}

export interface AuthThrottleTable {
	key: string;
	failures: Generated<number>;
	window_started_at: Timestamp;
	locked_until: Date | null;
	accounts: Generated<string[]>;
}

export interface ServerSecretsTable {
	name: string;
	secret: Uint8Array;
	created_at: CreatedAt;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: CreatedAt;
	actor_user_id: number | null;
	action: string;
	entity: string;
	entity_id: string;
	school_id: number | null;
	before: Json | null;
	after: Json | null;
	request_id: string | null;
}

export interface ImportBatchesTable {
	id: string;
	kind: string;
	school_id: number | null;
	department_id: number | null;
	file_name: string;
	row_count: number;
	error_count: number;
	rows: Json<unknown[]>;
	errors: Json<unknown[]>;
	status: Generated<'preview' | 'committed' | 'discarded'>;
	created_by: number;
	created_at: CreatedAt;
	committed_at: Date | null;
	expires_at: Generated<Date>;
	update_existing: Generated<boolean>;
	summary: Json<Record<string, unknown>>;
}

export interface CoreTables {
	departments: DepartmentsTable;
	areas: AreasTable;
	schools: SchoolsTable;
	school_years: SchoolYearsTable;
	semesters: SemestersTable;
	subjects: SubjectsTable;
	subject_periods: SubjectPeriodsTable;
	ethnicities: EthnicitiesTable;
	users: UsersTable;
	role_assignments: RoleAssignmentsTable;
	staff: StaffTable;
	staff_subjects: StaffSubjectsTable;
	classes: ClassesTable;
	teaching_assignments: TeachingAssignmentsTable;
	students: StudentsTable;
	guardians: GuardiansTable;
	student_guardians: StudentGuardiansTable;
	sessions: SessionsTable;
	auth_throttle: AuthThrottleTable;
	server_secrets: ServerSecretsTable;
	audit_log: AuditLogTable;
	import_batches: ImportBatchesTable;
}

/** Each module keeps its table types in tables/<module>.ts and adds them here. */
export interface Database
	extends
		CoreTables,
		RolloutTables,
		UsageTables,
		JobTables,
		FileTables,
		GradesTables,
		TimetableTables,
		MessagesTables,
		NoticesTables,
		NotificationsTables,
		LeaveTables,
		MessageExtraTables,
		AccountTables,
		OfficeHoursTables,
		FormTables,
		OfficialNoticeTables,
		PrimaryTables,
		CalendarTables,
		PrimaryAwardTables,
		PrimaryDecisionTables,
		EnrolmentTables,
		DeletionTables,
		PrivacyLogTables {}

export type School = Selectable<SchoolsTable>;
export type NewSchool = Insertable<SchoolsTable>;
export type SchoolUpdate = Updateable<SchoolsTable>;
export type Area = Selectable<AreasTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type RoleAssignment = Selectable<RoleAssignmentsTable>;
export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type Class = Selectable<ClassesTable>;
export type NewClass = Insertable<ClassesTable>;
export type Student = Selectable<StudentsTable>;
export type NewStudent = Insertable<StudentsTable>;
export type Guardian = Selectable<GuardiansTable>;
export type NewGuardian = Insertable<GuardiansTable>;
export type Session = Selectable<SessionsTable>;
export * from './tables/rollout';
export * from './tables/usage';
export * from './tables/grades';
export * from './tables/jobs';
export * from './tables/timetable';
export * from './tables/accounts';
