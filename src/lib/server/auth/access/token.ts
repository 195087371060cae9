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
	/**
	 * What the token is for (migration 0280): 'usage' (absent: a usage token) reports usage;
	 * 'grades' reads and writes the grades of its one school. The gate keeps them apart.
	 */
	purpose?: 'usage' | 'grades';
	/** the account that created the token: a grades token's writes are stored under it */
	createdBy?: number;
}

/** A token may be used for `purpose` (a token without one is a usage token). */
export function tokenServes(token: ApiTokenScope | null, purpose: 'usage' | 'grades'): boolean {
	return token !== null && (token.purpose ?? 'usage') === purpose;
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
