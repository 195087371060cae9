import type { Gender, GuardianRelationship, SchoolLevel, StaffPosition } from '../../db/schema';

/** What the checks of an import need to know of the database (loaded set-based, see lookups.ts). */
export interface ImportLookups {
	schoolLevel?: SchoolLevel;
	subjects?: { id: number; code: string; name_vi: string; name_en: string }[];
	ethnicities?: { code: string; name: string }[];
	/** every staff row of the school (codes are unique per school, active or not) */
	staff?: { id: number; code: string; email: string | null; active: boolean }[];
	/** classes of the current school year */
	classes?: { id: number; name: string; active: boolean }[];
	students?: { id: number; code: string }[];
	guardians?: { id: number; phone: string | null; email: string | null }[];
	/** existing guardian links as `${studentId}:${guardianId}` */
	links?: Set<string>;
	areas?: { id: number; code: string; name: string }[];
	/** schools with these codes anywhere (codes are unique in the whole portal) */
	schools?: { id: number; code: string; inScope: boolean }[];
}

export interface ImportOptions {
	updateExisting: boolean;
}

type Planned<T> = T & { row: number; existingId: number | null };

export type StaffPlan = Planned<{
	code: string;
	fullName: string;
	email: string | null;
	phone: string | null;
	position: StaffPosition;
	/** null when the file has no subjects column */
	subjectIds: number[] | null;
}>;
export type ClassPlan = Planned<{ grade: number; name: string; homeroomStaffId: number | null }>;
export type StudentPlan = Planned<{
	code: string;
	fullName: string;
	dateOfBirth: string;
	gender: Gender | null;
	ethnicityCode: string | null;
	classId: number | null;
}>;
export interface GuardianPlan {
	guardians: {
		key: string;
		existingId: number | null;
		fullName: string;
		phone: string | null;
		email: string | null;
	}[];
	links: {
		row: number;
		guardianKey: string;
		studentId: number;
		relationship: GuardianRelationship;
		exists: boolean;
	}[];
}
export type SchoolPlan = Planned<{
	code: string;
	name: string;
	level: SchoolLevel;
	areaId: number;
	commune: string | null;
	address: string | null;
	principalName: string | null;
	phone: string | null;
	email: string | null;
}>;

export type ImportPlan =
	| { kind: 'staff'; rows: StaffPlan[] }
	| { kind: 'classes'; rows: ClassPlan[] }
	| { kind: 'students'; rows: StudentPlan[] }
	| { kind: 'guardians'; plan: GuardianPlan }
	| { kind: 'schools'; rows: SchoolPlan[] };

export interface ImportSummary {
	rows: number;
	create: number;
	update: number;
	link: number;
}
