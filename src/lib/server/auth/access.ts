import { error } from '@sveltejs/kit';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db';
import type { Role } from '../db/schema';
import type { Principal, RoleGrant } from './session';

/**
 * Authorization in one place. Every page, action and API route asks these functions, and every
 * query that lists rows filters with the same predicates, so a scope rule lives here only.
 * A resource outside the caller's scope is answered with 404: its existence stays private.
 */

/** Which roles may use a school-scoped permission (each within its own scope). */
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
	'rollout.plan': ['department']
} as const satisfies Record<string, readonly Role[]>;

export type SchoolPermission = keyof typeof SCHOOL_PERMISSIONS;

/** Department-wide permissions (no school row to scope them by). */
export const DEPARTMENT_PERMISSIONS = {
	/** manage the platform catalogue, checklist templates and rollout waves; apply templates */
	'rollout.configure': ['department'],
	/** the adoption threshold */
	'usage.settings': ['department'],
	/** API tokens for one platform across the department's schools */
	'usage.department_tokens': ['department']
} as const satisfies Record<string, readonly Role[]>;

export type DepartmentPermission = keyof typeof DEPARTMENT_PERMISSIONS;

export function hasRole(principal: Principal | null, ...roles: Role[]): boolean {
	return !!principal?.roles.some((g) => roles.includes(g.role));
}

function grantsFor(principal: Principal, roles: readonly Role[]): RoleGrant[] {
	return principal.roles.filter((g) => roles.includes(g.role));
}

const FALSE = sql<SqlBool>`false`;

function anyOf(parts: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
	return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : FALSE;
}

/** Schools whose pupils are children of this parent. */
function childSchoolIds(userId: number) {
	return sql`(select st.school_id from students st
		join student_guardians sg on sg.student_id = st.id
		join guardians g on g.id = sg.guardian_id
		where g.user_id = ${userId} and st.active)`;
}

/**
 * A predicate on a `schools` row (under `alias`) that holds when the principal may use
 * `permission` on it. Use as `.where(schoolWhere(principal, 'school.view'))`.
 */
export function schoolWhere(
	principal: Principal,
	permission: SchoolPermission,
	alias = 'schools',
	idColumn = 'id'
): RawBuilder<SqlBool> {
	const col = (name: string) => sql.ref(`${alias}.${name === 'id' ? idColumn : name}`);
	const parts: RawBuilder<SqlBool>[] = [];
	let parent = false;
	for (const g of grantsFor(principal, SCHOOL_PERMISSIONS[permission])) {
		if (g.role === 'department')
			parts.push(sql<SqlBool>`${col('department_id')} = ${g.departmentId}`);
		else if (g.role === 'area') parts.push(sql<SqlBool>`${col('area_id')} = ${g.areaId}`);
		else if (g.role === 'parent') parent = true;
		else parts.push(sql<SqlBool>`${col('id')} = ${g.schoolId}`);
	}
	if (parent) parts.push(sql<SqlBool>`${col('id')} in ${childSchoolIds(principal.userId)}`);
	return anyOf(parts);
}

/**
 * For rows that carry a school's department and area but no school id (pre-aggregated rollout
 * counts): the department and area grants only. School-level grants are answered separately
 * (`schoolGrantIds`).
 */
export function officialScopeWhere(
	principal: Principal,
	permission: SchoolPermission,
	alias: string
): RawBuilder<SqlBool> {
	const parts: RawBuilder<SqlBool>[] = [];
	for (const g of grantsFor(principal, SCHOOL_PERMISSIONS[permission])) {
		if (g.role === 'department')
			parts.push(sql<SqlBool>`${sql.ref(`${alias}.department_id`)} = ${g.departmentId}`);
		else if (g.role === 'area')
			parts.push(sql<SqlBool>`${sql.ref(`${alias}.area_id`)} = ${g.areaId}`);
	}
	return anyOf(parts);
}

/** The schools the principal reaches through school-level grants (school admin, teacher). */
export function schoolGrantIds(principal: Principal, permission: SchoolPermission): number[] {
	return grantsFor(principal, SCHOOL_PERMISSIONS[permission]).flatMap((g) =>
		(g.role === 'school_admin' || g.role === 'teacher') && g.schoolId ? [g.schoolId] : []
	);
}

/** Whether the principal holds `permission` for at least one school (e.g. to show a menu entry). */
export function hasSchoolPermission(principal: Principal, permission: SchoolPermission): boolean {
	return grantsFor(principal, SCHOOL_PERMISSIONS[permission]).length > 0;
}

/** A predicate on any row with a school id column, e.g. `schoolIdWhere(p, 'roster.view', 'staff.school_id')`. */
export function schoolIdWhere(
	principal: Principal,
	permission: SchoolPermission,
	column: string
): RawBuilder<SqlBool> {
	const direct = grantsFor(principal, SCHOOL_PERMISSIONS[permission]);
	// Fast path: school-level grants only need the column itself.
	if (direct.every((g) => g.role === 'school_admin' || g.role === 'teacher')) {
		const ids = direct.map((g) => g.schoolId as number);
		return ids.length ? sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})` : FALSE;
	}
	return sql<SqlBool>`${sql.ref(column)} in (select s.id from schools s where ${schoolWhere(principal, permission, 's')})`;
}

/** The school ids (among `ids`) the principal may use with `permission`. One query. */
export async function accessibleSchoolIds(
	db: DB,
	principal: Principal,
	permission: SchoolPermission,
	ids: number[]
): Promise<Set<number>> {
	if (!ids.length) return new Set();
	const rows = await db
		.selectFrom('schools')
		.select('id')
		.where('id', 'in', ids)
		.where(schoolWhere(principal, permission))
		.execute();
	return new Set(rows.map((r) => r.id));
}

export function notFound(): never {
	error(404, { message: 'Not found' });
}

/** The school, or a 404 when it does not exist or is outside the principal's scope. */
export async function requireSchool(
	db: DB,
	principal: Principal,
	schoolId: number,
	permission: SchoolPermission
) {
	if (!Number.isSafeInteger(schoolId)) notFound();
	const school = await db
		.selectFrom('schools')
		.selectAll()
		.where('id', '=', schoolId)
		.where(schoolWhere(principal, permission))
		.executeTakeFirst();
	return school ?? notFound();
}

/**
 * Whether the principal may use `permission` on this school row, without a query: for flags that
 * show or hide actions on a page already loaded within scope. The services still check with
 * `requireSchool` (parents' school scope needs a query and is never granted here).
 */
export function mayUse(
	principal: Principal,
	permission: SchoolPermission,
	school: { id: number; area_id: number; department_id: number }
): boolean {
	return grantsFor(principal, SCHOOL_PERMISSIONS[permission]).some((g) =>
		g.role === 'department'
			? g.departmentId === school.department_id
			: g.role === 'area'
				? g.areaId === school.area_id
				: g.role !== 'parent' && g.schoolId === school.id
	);
}

/** The departments in which the principal may use `permission` (e.g. create schools); 404 if none. */
export function requireDepartments(principal: Principal, permission: SchoolPermission): number[] {
	const ids = grantsFor(principal, SCHOOL_PERMISSIONS[permission])
		.filter((g) => g.role === 'department' && g.departmentId !== null)
		.map((g) => g.departmentId as number);
	return ids.length ? ids : notFound();
}

/** Staff ids of this user (a person may work at several schools). */
function ownStaffIds(userId: number) {
	return sql`(select id from staff where user_id = ${userId} and active)`;
}

/**
 * Classes the principal may see: school admins their school's classes, teachers the classes
 * they are homeroom teacher of or teach.
 */
export function classWhere(principal: Principal, alias = 'classes'): RawBuilder<SqlBool> {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	const parts: RawBuilder<SqlBool>[] = [];
	for (const g of principal.roles) {
		if (g.role === 'school_admin') parts.push(sql<SqlBool>`${col('school_id')} = ${g.schoolId}`);
	}
	if (hasRole(principal, 'teacher')) {
		const staff = ownStaffIds(principal.userId);
		parts.push(sql<SqlBool>`(${col('homeroom_staff_id')} in ${staff} or ${col('id')} in
			(select ta.class_id from teaching_assignments ta where ta.staff_id in ${staff}))`);
	}
	return anyOf(parts);
}

/**
 * Students the principal may see: the school's admins, the teachers of the student's class,
 * and the student's own guardians. Nobody else (officials see counts, not children).
 */
export function studentWhere(principal: Principal, alias = 'students'): RawBuilder<SqlBool> {
	const col = (name: string) => sql.ref(`${alias}.${name}`);
	const parts: RawBuilder<SqlBool>[] = [];
	for (const g of principal.roles) {
		if (g.role === 'school_admin') parts.push(sql<SqlBool>`${col('school_id')} = ${g.schoolId}`);
	}
	if (hasRole(principal, 'teacher')) {
		parts.push(
			sql<SqlBool>`${col('class_id')} in (select c.id from classes c where ${classWhere(principal, 'c')})`
		);
	}
	if (hasRole(principal, 'parent')) {
		parts.push(sql<SqlBool>`${col('id')} in (select sg.student_id from student_guardians sg
			join guardians g on g.id = sg.guardian_id where g.user_id = ${principal.userId})`);
	}
	return anyOf(parts);
}

/** The department the principal may use `permission` on, or null. */
export function departmentIdFor(
	principal: Principal,
	permission: DepartmentPermission
): number | null {
	const grant = grantsFor(principal, DEPARTMENT_PERMISSIONS[permission]).find(
		(g) => g.departmentId !== null
	);
	return grant?.departmentId ?? null;
}

/** The department the principal may use `permission` on; 404 when none. */
export function requireDepartment(principal: Principal, permission: DepartmentPermission): number {
	return departmentIdFor(principal, permission) ?? notFound();
}

/** Staff rows of the principal (a teacher logging usage, editing their own entries). */
export function ownStaffWhere(principal: Principal, column: string): RawBuilder<SqlBool> {
	return sql<SqlBool>`${sql.ref(column)} in ${ownStaffIds(principal.userId)}`;
}

/**
 * An API token as the hook recognised it. Its scope: one school (every platform, or one), or one
 * platform across a department's schools.
 */
export interface ApiTokenScope {
	tokenId: number;
	schoolId: number | null;
	departmentId: number | null;
	platformId: number | null;
}

/** A predicate on a school id column: the schools a token may write usage for. */
export function tokenSchoolWhere(token: ApiTokenScope, column: string): RawBuilder<SqlBool> {
	if (token.schoolId !== null) return sql<SqlBool>`${sql.ref(column)} = ${token.schoolId}`;
	if (token.departmentId !== null)
		return sql<SqlBool>`${sql.ref(column)} in (select s.id from schools s where s.department_id = ${token.departmentId})`;
	return FALSE;
}

/** Whether a token may write usage of this platform. */
export function tokenAllowsPlatform(token: ApiTokenScope, platformId: number): boolean {
	return token.platformId === null || token.platformId === platformId;
}
