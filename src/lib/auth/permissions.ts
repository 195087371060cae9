import type { Role, RoleGrant } from '../types';

/**
 * The permission tables: which roles may do what, each within its own scope (department, area,
 * school, class, own child). The server's predicates (`$lib/server/auth/access`), the URL gate
 * and the navigation all read these tables, so a rule is written once. Plain data: the browser
 * may import it to build menus; the server still checks every row.
 */

/** School-scoped permissions: which roles may use them on the schools of their scope. */
export const SCHOOL_PERMISSIONS = {
	/** see the school's directory entry */
	'school.view': ['department', 'area', 'school_admin', 'teacher', 'parent'],
	/** edit a school's master data, import schools */
	'school.edit': ['department'],
	/** the school pages of the portal (not the parents' pages) */
	'school.pages': ['department', 'area', 'school_admin', 'teacher'],
	/** see staff and classes */
	'roster.view': ['school_admin', 'teacher'],
	/** create, edit, deactivate, import staff, classes, students, guardians; reset passwords */
	'roster.manage': ['school_admin'],
	/** adoption figures of a school, and which of its teachers have not logged usage */
	'usage.view': ['department', 'area', 'school_admin'],
	/** log one's own use of the platforms at the school */
	'usage.log': ['teacher'],
	/** import a platform's usage export for the school */
	'usage.import': ['school_admin'],
	/** create and revoke the school's API tokens */
	'usage.tokens': ['school_admin'],
	/** see the school's platforms, checklists, evidence, history and report */
	'rollout.view': ['department', 'area', 'school_admin', 'teacher'],
	/** edit the school's platform rows and checklist items, upload evidence, submit */
	'rollout.edit': ['school_admin'],
	/** review submitted checklists: score, return with reasons, approve, recall an approval */
	'rollout.review': ['department', 'area'],
	/** put a school in a rollout wave and give it a mentor school */
	'rollout.plan': ['department'],
	/** grades checkpoints: entry windows and locks, publication to parents, correction requests */
	'grades.manage': ['school_admin'],
	/** learning and conduct figures per school and grade (counts only, no pupil names) */
	'grades.figures': ['department', 'area'],
	/** see the school's timetables (drafts and published, by class and by teacher) */
	'timetable.view': ['school_admin', 'teacher'],
	/** the school's week and weekly periods; generate, cancel and publish timetables */
	'timetable.manage': ['school_admin'],
	/** the school office's conversations with families (read and answer) */
	'messages.office': ['school_admin'],
	/** send notices to the school's families or staff, see who read or confirmed, remind */
	'notices.send': ['school_admin'],
	/** how long the school keeps messages, notices and leave requests (Decree 356/2025) */
	'messages.retention': ['school_admin'],
	/** the share of parents' messages answered within a working day (never their text); days off */
	'messages.figures': ['school_admin'],
	/** the school's e-mails and push notifications that went dead (who, when, error; no text), retry */
	'messages.deliveries': ['school_admin'],
	/** the requests of the school's people to delete their personal data: read them, record the outcome */
	'privacy.deletion': ['school_admin'],
	/** who of the staff read a pupil's data outside the pupil's classes (the access log) */
	'privacy.access_log': ['school_admin'],
	/** send official notices to the schools of one's department or area, and see who has read them */
	'official_notices.send': ['department', 'area'],
	/** the official notices addressed to the school (teachers: only those that include them) */
	'official_notices.read': ['school_admin', 'teacher'],
	/** the school's own closures in the school calendar (the department's holidays are shown) */
	'calendar.manage': ['school_admin']
} as const satisfies Record<string, readonly Role[]>;

export type SchoolPermission = keyof typeof SCHOOL_PERMISSIONS;

/** Department-wide permissions (no school row to scope them by). */
export const DEPARTMENT_PERMISSIONS = {
	/** the province's figures and lists: dashboards, adoption, reviews queue, school directory */
	'department.view': ['department', 'area'],
	/** create schools and import the school list */
	'department.schools': ['department'],
	/** manage the platform catalogue, checklist templates and rollout waves; apply templates */
	'rollout.configure': ['department'],
	/** the adoption threshold */
	'usage.settings': ['department'],
	/** API tokens for one platform across the department's schools */
	'usage.department_tokens': ['department'],
	/** the state of the scheduled and long-running jobs */
	'jobs.view': ['department'],
	/** the province's holidays in the school calendar of every school */
	'calendar.configure': ['department'],
	/** make a later school year the current one (every pupil follows their enrolment of it) */
	'year.switch': ['department']
} as const satisfies Record<string, readonly Role[]>;

export type DepartmentPermission = keyof typeof DEPARTMENT_PERMISSIONS;

/**
 * How a user relates to a class or a pupil. `school_admin`: any class of the admin's school;
 * `homeroom`: the class whose homeroom teacher the user is; `subject_teacher`: a class the user
 * teaches a subject in (`teaching_assignments`); `guardian`: the user's own children (and their
 * classes).
 */
export type Relation = 'school_admin' | 'homeroom' | 'subject_teacher' | 'guardian';

const RELATION_ROLE: Record<Relation, Role> = {
	school_admin: 'school_admin',
	homeroom: 'teacher',
	subject_teacher: 'teacher',
	guardian: 'parent'
};

/** Class- and pupil-scoped permissions: the relations that grant them. */
export const CLASS_PERMISSIONS = {
	/** see a class, its pupils' names and its timetable */
	'class.view': ['school_admin', 'homeroom', 'subject_teacher'],
	/** the classes a teacher works with (usage logging, "my classes") */
	'class.teach': ['homeroom', 'subject_teacher'],
	/** homeroom work: the whole class's results, conduct, attendance, summary */
	'class.homeroom': ['school_admin', 'homeroom'],
	/** see a pupil's record */
	'student.view': ['school_admin', 'homeroom', 'subject_teacher', 'guardian'],
	/** a guardian's own children (the parent's pages) */
	'student.family': ['guardian']
} as const satisfies Record<string, readonly Relation[]>;

export type ClassPermission = keyof typeof CLASS_PERMISSIONS;

/** Permissions on one subject of one class (a gradebook, a timetable line). */
export const TEACHING_PERMISSIONS = {
	/** see a subject's results in a class: the school's admins, the homeroom and the subject's teacher */
	'teaching.view': ['school_admin', 'homeroom', 'subject_teacher'],
	/** enter a subject's grades in a class: its teacher only */
	'teaching.enter': ['subject_teacher']
} as const satisfies Record<string, readonly Relation[]>;

export type TeachingPermission = keyof typeof TEACHING_PERMISSIONS;

export function rolesOf(
	permission: SchoolPermission | DepartmentPermission | ClassPermission | TeachingPermission
): readonly Role[] {
	if (permission in SCHOOL_PERMISSIONS) return SCHOOL_PERMISSIONS[permission as SchoolPermission];
	if (permission in DEPARTMENT_PERMISSIONS)
		return DEPARTMENT_PERMISSIONS[permission as DepartmentPermission];
	const relations: readonly Relation[] =
		permission in CLASS_PERMISSIONS
			? CLASS_PERMISSIONS[permission as ClassPermission]
			: TEACHING_PERMISSIONS[permission as TeachingPermission];
	return [...new Set(relations.map((r) => RELATION_ROLE[r]))];
}

export function relationRole(relation: Relation): Role {
	return RELATION_ROLE[relation];
}

/** The grants of a user that carry `permission` (each grant keeps its own scope). */
export function grantsWith<G extends Pick<RoleGrant, 'role'>>(
	grants: readonly G[],
	permission: Parameters<typeof rolesOf>[0]
): G[] {
	const roles = rolesOf(permission);
	return grants.filter((g) => roles.includes(g.role));
}

/** Whether any grant carries `permission` (e.g. to show a menu entry; rows are checked apart). */
export function holds(
	grants: readonly Pick<RoleGrant, 'role'>[],
	permission: Parameters<typeof rolesOf>[0]
): boolean {
	return grantsWith(grants, permission).length > 0;
}
