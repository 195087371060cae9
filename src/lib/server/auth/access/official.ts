import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { grantsWith, type SchoolPermission } from '$lib/auth/permissions';
import type { Principal } from '../session';
import { anyOf } from './common';

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
	for (const g of grantsWith(principal.roles, permission)) {
		if (g.role === 'department')
			parts.push(sql<SqlBool>`${sql.ref(`${alias}.department_id`)} = ${g.departmentId}`);
		else if (g.role === 'area')
			parts.push(sql<SqlBool>`${sql.ref(`${alias}.area_id`)} = ${g.areaId}`);
	}
	return anyOf(parts);
}

/** The schools the principal reaches through school-level grants (school admin, teacher). */
export function schoolGrantIds(principal: Principal, permission: SchoolPermission): number[] {
	return grantsWith(principal.roles, permission).flatMap((g) =>
		(g.role === 'school_admin' || g.role === 'teacher') && g.schoolId ? [g.schoolId] : []
	);
}
