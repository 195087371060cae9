import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import type { DB } from '../db';
import type { RoleGrant } from '../../types';

/** Sessions as in the lucia-auth.com guide: the cookie holds a random token, the table its SHA-256. */
export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;

export type { RoleGrant };

export interface Principal {
	userId: number;
	email: string | null;
	/** The normalised sign-in phone number (+84...), if the account has one. */
	phone?: string | null;
	name: string;
	locale: 'vi' | 'en';
	roles: RoleGrant[];
	/**
	 * The name of each role's school, area or department (same order as `roles`), read with the
	 * session so the layout needs no query of its own; absent on a principal built elsewhere.
	 */
	scopeNames?: (string | null)[];
	/**
	 * Account-link requests waiting for this user's answer (the banner of every page), read with
	 * the session; absent on a principal built elsewhere (then `countPendingLinkRequests`).
	 */
	pendingLinkRequests?: number;
}

export interface SessionInfo {
	id: string;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: DB,
	token: string,
	userId: number,
	meta: { ip?: string | null; userAgent?: string | null; days: number }
): Promise<SessionInfo> {
	const id = sessionIdFromToken(token);
	const expiresAt = new Date(Date.now() + meta.days * DAY);
	await db
		.insertInto('sessions')
		.values({
			id,
			user_id: userId,
			expires_at: expiresAt,
			ip: meta.ip ?? null,
			user_agent: meta.userAgent?.slice(0, 300) ?? null
		})
		.execute();
	return { id, expiresAt };
}

type SessionRole = RoleGrant & { scopeName: string | null };

export async function loadRoles(db: DB, userId: number): Promise<RoleGrant[]> {
	const rows = await db
		.selectFrom('role_assignments')
		.select(['role', 'department_id', 'area_id', 'school_id'])
		.where('user_id', '=', userId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		role: r.role,
		departmentId: r.department_id,
		areaId: r.area_id,
		schoolId: r.school_id
	}));
}

/**
 * Returns the session and its user, or null. Sliding expiry: a session used in the second half
 * of its life is extended to a full period again.
 */
export async function validateSessionToken(
	db: DB,
	token: string,
	days: number
): Promise<{ session: SessionInfo; principal: Principal } | null> {
	const id = sessionIdFromToken(token);
	// One query per request: the session, its user, and the user's roles with their scopes' names.
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id',
			'sessions.expires_at',
			'sessions.last_used_at',
			'users.id as user_id',
			'users.email',
			'users.login_phone',
			'users.name',
			'users.locale',
			'users.active',
			sql<SessionRole[]>`coalesce((select json_agg(json_build_object(
				'role', r.role, 'departmentId', r.department_id, 'areaId', r.area_id,
				'schoolId', r.school_id,
				'scopeName', case when r.school_id is not null then sc.name
					when r.area_id is not null then a.name else d.name end) order by r.id)
				from role_assignments r
				left join schools sc on sc.id = r.school_id
				left join areas a on a.id = r.area_id
				left join departments d on d.id = r.department_id
				where r.user_id = users.id), '[]'::json)`.as('roles'),
			// The predicate of access/link-requests.ts (the account the request was sent to).
			sql<number>`(select count(*)::int from guardian_link_requests lr
				where lr.user_id = users.id and lr.status = 'pending')`.as('pending_link_requests')
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const now = Date.now();
	if (!row.active || row.expires_at.getTime() <= now) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	let expiresAt = row.expires_at;
	if (expiresAt.getTime() - now < (days * DAY) / 2) {
		expiresAt = new Date(now + days * DAY);
		await db
			.updateTable('sessions')
			.set({ expires_at: expiresAt, last_used_at: new Date() })
			.where('id', '=', id)
			.execute();
	} else if (now - row.last_used_at.getTime() > 60 * 60 * 1000) {
		await db
			.updateTable('sessions')
			.set({ last_used_at: new Date() })
			.where('id', '=', id)
			.execute();
	}
	return {
		session: { id, expiresAt },
		principal: {
			userId: row.user_id,
			email: row.email,
			phone: row.login_phone,
			name: row.name,
			locale: row.locale,
			roles: row.roles.map(({ scopeName: _name, ...grant }) => grant),
			scopeNames: row.roles.map((r) => r.scopeName),
			pendingLinkRequests: Number(row.pending_link_requests)
		}
	};
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(
	db: DB,
	userId: number,
	exceptSessionId?: string
): Promise<void> {
	let q = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
	await q.execute();
}

export async function listUserSessions(db: DB, userId: number) {
	return db
		.selectFrom('sessions')
		.select(['id', 'created_at', 'last_used_at', 'expires_at', 'ip', 'user_agent'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', new Date())
		.orderBy('last_used_at', 'desc')
		.execute();
}
