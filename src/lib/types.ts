/** Types shared by server and browser code. */
export const SCHOOL_LEVEL_VALUES = [
	'MN',
	'TH',
	'THCS',
	'THPT',
	'TH_THCS',
	'THCS_THPT',
	'PTDTBT_TH',
	'PTDTBT_THCS',
	'PTDTBT_TH_THCS',
	'PTDTNT_THCS',
	'PTDTNT_THPT',
	'PTDTNT_THCS_THPT'
] as const;
export type SchoolLevel = (typeof SCHOOL_LEVEL_VALUES)[number];

export type Role = 'department' | 'area' | 'school_admin' | 'teacher' | 'parent';

export interface RoleGrant {
	role: Role;
	departmentId: number | null;
	areaId: number | null;
	schoolId: number | null;
}

/** What the browser knows of the signed-in user (layout data). */
export interface SessionUser {
	id: number;
	name: string;
	email: string | null;
	phone?: string | null;
	locale: 'vi' | 'en';
	roles: (RoleGrant & { scopeName: string | null })[];
}

export type FormMessage = {
	type: 'success' | 'error' | 'warning' | 'info';
	text: string;
	/** Where to go next (issue 9, item 13: the week of a use just logged). */
	link?: { href: string; label: string };
};
