import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { FALSE } from './common';

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
