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
	// Each scope once (an admin who also teaches holds the school twice): two permissions that the
	// same scopes give read as the same predicate, so the request memo answers both with one query.
	const departments = new Set<number>();
	const areas = new Set<number>();
	const schools = new Set<number>();
	let parent = false;
	for (const g of grantsWith(principal.roles, permission)) {
		if (g.role === 'department') departments.add(g.departmentId as number);
		else if (g.role === 'area') areas.add(g.areaId as number);
		else if (g.role === 'parent') parent = true;
		else schools.add(g.schoolId as number);
	}
	const parts: RawBuilder<SqlBool>[] = [
		...[...departments].map((id) => sql<SqlBool>`${col('department_id')} = ${id}`),
		...[...areas].map((id) => sql<SqlBool>`${col('area_id')} = ${id}`),
		...[...schools].map((id) => sql<SqlBool>`${col('id')} = ${id}`)
	];
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
	// One school (a page's own): the same scope read as `requireSchool`, answered once per request.
	if (ids.length === 1) {
		const school = await scopedSchool(db, ids[0], schoolWhere(principal, permission));
		return new Set(school ? [school.id] : []);
	}
	const rows = await db
		.selectFrom('schools')
		.select('id')
		.where('id', 'in', ids)
		.where(schoolWhere(principal, permission))
		.execute();
	return new Set(rows.map((r) => r.id));
}

/**
 * The school row when `scope` holds on it. The layout, the page and its services each prove the
 * same scope: the request memo is keyed by the query itself (its SQL and parameters), so two
 * checks that mean the same (two permissions the same grants give) read once per page request.
 */
async function scopedSchool(db: DB, schoolId: number, scope: RawBuilder<SqlBool>) {
	const query = db
		.selectFrom('schools')
		.innerJoin('areas', 'areas.id', 'schools.area_id')
		.selectAll('schools')
		.select([
			'areas.name as area_name',
			'areas.code as area_code',
			'areas.valid_to as area_valid_to'
		])
		.where('schools.id', '=', schoolId)
		.where(scope);
	const compiled = query.compile();
	return requestMemo(
		`school-row:${compiled.sql}:${JSON.stringify(compiled.parameters)}`,
		async () => (await db.executeQuery(compiled)).rows[0]
	);
}

/** The school, or a 404 when it does not exist or is outside the principal's scope. */
export async function requireSchool(
	db: DB,
	principal: Principal,
	schoolId: number,
	permission: SchoolPermission
) {
	if (!Number.isSafeInteger(schoolId)) notFound();
	return (await scopedSchool(db, schoolId, schoolWhere(principal, permission))) ?? notFound();
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
	const scope =
		permissions.length === 1
			? schoolWhere(principal, permissions[0])
			: anyOf(permissions.map((p) => schoolWhere(principal, p)));
	return (await scopedSchool(db, schoolId, scope)) ?? notFound();
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
