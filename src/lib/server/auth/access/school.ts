import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { grantsWith, type SchoolPermission } from '$lib/auth/permissions';
import type { DB } from '../../db';
import type { Principal } from '../session';
import { requestMemo } from '../../http/request-memo';
import { anyOf, FALSE, notFound } from './common';

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
	for (const g of grantsWith(principal.roles, permission)) {
		if (g.role === 'department')
			parts.push(sql<SqlBool>`${col('department_id')} = ${g.departmentId}`);
		else if (g.role === 'area') parts.push(sql<SqlBool>`${col('area_id')} = ${g.areaId}`);
		else if (g.role === 'parent') parent = true;
		else parts.push(sql<SqlBool>`${col('id')} = ${g.schoolId}`);
	}
	if (parent) parts.push(sql<SqlBool>`${col('id')} in ${childSchoolIds(principal.userId)}`);
	return anyOf(parts);
}

/** A predicate on any row with a school id column, e.g. `schoolIdWhere(p, 'roster.view', 'staff.school_id')`. */
export function schoolIdWhere(
	principal: Principal,
	permission: SchoolPermission,
	column: string
): RawBuilder<SqlBool> {
	const direct = grantsWith(principal.roles, permission);
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
	if (!ids.length || !grantsWith(principal.roles, permission).length) return new Set();
	const rows = await db
		.selectFrom('schools')
		.select('id')
		.where('id', 'in', ids)
		.where(schoolWhere(principal, permission))
		.execute();
	return new Set(rows.map((r) => r.id));
}

/** The request memo's key of a school scope check: who (with which roles), what, which school. */
function scopeKey(
	principal: Principal,
	permissions: readonly SchoolPermission[],
	schoolId: number
): string {
	return `school:${principal.userId}:${JSON.stringify(principal.roles)}:${[...permissions].sort().join('|')}:${schoolId}`;
}

/** The school, or a 404 when it does not exist or is outside the principal's scope. */
export async function requireSchool(
	db: DB,
	principal: Principal,
	schoolId: number,
	permission: SchoolPermission
) {
	if (!Number.isSafeInteger(schoolId)) notFound();
	// The layout, the page and its service each ask: one query per page request (request-memo.ts).
	const school = await requestMemo(scopeKey(principal, [permission], schoolId), () =>
		db
			.selectFrom('schools')
			.selectAll()
			.where('id', '=', schoolId)
			.where(schoolWhere(principal, permission))
			.executeTakeFirst()
	);
	return school ?? notFound();
}

/**
 * The school when the principal holds any of `permissions` on it, else a 404: for pages whose
 * actions serve several roles (a school admin edits, an official reviews). One query.
 */
export async function requireSchoolAnyOf(
	db: DB,
	principal: Principal,
	schoolId: number,
	permissions: readonly SchoolPermission[]
) {
	if (!Number.isSafeInteger(schoolId)) notFound();
	const school = await requestMemo(scopeKey(principal, permissions, schoolId), () =>
		db
			.selectFrom('schools')
			.selectAll()
			.where('id', '=', schoolId)
			.where(anyOf(permissions.map((p) => schoolWhere(principal, p))))
			.executeTakeFirst()
	);
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
	return grantsWith(principal.roles, permission).some((g) =>
		g.role === 'department'
			? g.departmentId === school.department_id
			: g.role === 'area'
				? g.areaId === school.area_id
				: g.role !== 'parent' && g.schoolId === school.id
	);
}
