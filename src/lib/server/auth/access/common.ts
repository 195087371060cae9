import { error } from '@sveltejs/kit';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Role } from '../../db/schema';
import type { Principal } from '../session';

export const FALSE = sql<SqlBool>`false`;

export function anyOf(parts: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
	return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : FALSE;
}

export function hasRole(principal: Principal | null, ...roles: Role[]): boolean {
	return !!principal?.roles.some((g) => roles.includes(g.role));
}

/** Outside the caller's scope, or missing: the same answer, so existence stays private. */
export function notFound(): never {
	error(404, { message: 'Not found' });
}

/** Staff ids of this user (a person may work at several schools). */
export function ownStaffIds(userId: number) {
	return sql`(select id from staff where user_id = ${userId} and active)`;
}

/** Pupils linked to this user through a guardian record. */
export function ownChildIds(userId: number) {
	return sql`(select sg.student_id from student_guardians sg
		join guardians g on g.id = sg.guardian_id where g.user_id = ${userId})`;
}
