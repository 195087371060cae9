import { sql, type Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { Principal } from '../auth/session';
import { requireSchool, type SchoolPermission } from '../auth/access';
import { ConflictError } from '../errors';

export type { Actor } from '../audit';

export type Tx = Kysely<Database>;

/** The school when the actor may use `permission` on it, else a 404 (see auth/access.ts). */
export function rosterSchool(
	db: DB,
	principal: Principal,
	schoolId: number,
	permission: Extract<SchoolPermission, 'roster.view' | 'roster.manage'> = 'roster.manage'
) {
	return requireSchool(db, principal, schoolId, permission);
}

/** Optimistic concurrency: the row must still carry the version the user edited. */
export function checkVersion(
	row: { id: number; version: number },
	version: number,
	entity: string
): void {
	if (row.version !== version) throw new ConflictError(entity, row.id);
}

/**
 * Recomputes the headline counts of the schools from their rows, in one statement: active
 * students, active classes of the current school year, active staff.
 */
export async function refreshSchoolCounts(db: Tx, schoolIds: number[]): Promise<void> {
	if (!schoolIds.length) return;
	await sql`update schools set
		student_count = (select count(*) from students s where s.school_id = schools.id and s.active),
		class_count = (select count(*) from classes c join school_years y on y.id = c.school_year_id
			where c.school_id = schools.id and c.active and y.is_current),
		staff_count = (select count(*) from staff t where t.school_id = schools.id and t.active)
		where schools.id in (${sql.join(schoolIds)})`.execute(db);
}

export { isUniqueViolation } from '../errors';

/** The `like` pattern of a search box, folded like the stored search_text. */
export function searchPattern(folded: string): string {
	return `%${folded.replace(/[%_\\]/g, '\\$&')}%`;
}

export const PAGE_SIZE = 50;

/** The rows of one page (page numbers start at 1) and the page count once the total is known. */
export function pageWindow(page: number | undefined, pageSize = PAGE_SIZE) {
	const current = Math.max(1, page ?? 1);
	return { page: current, limit: pageSize, offset: (current - 1) * pageSize };
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
	return Math.max(1, Math.ceil(total / pageSize));
}
