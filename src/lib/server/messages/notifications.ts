import { sql } from 'kysely';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import { AUTO_NOTICE_KINDS } from './auto-kinds';

/** The caller's automatic notices, newest first, rendered in the caller's language. */
export interface AutoNotice {
	id: number;
	text: string;
	link: string;
	createdAt: Date;
	unread: boolean;
}

export async function ownNotifications(
	db: DB,
	principal: Principal,
	options: { schoolId?: number; limit?: number } = {}
): Promise<AutoNotice[]> {
	let q = db
		.selectFrom('notifications')
		.select(['id', 'kind', 'params', 'link', 'created_at', 'read_at'])
		.where('user_id', '=', principal.userId);
	if (options.schoolId !== undefined) q = q.where('school_id', '=', options.schoolId);
	const rows = await q
		.orderBy('id', 'desc')
		.limit(options.limit ?? 30)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		text: AUTO_NOTICE_KINDS[r.kind]?.text(r.params) ?? r.kind,
		link: r.link,
		createdAt: r.created_at,
		unread: r.read_at === null
	}));
}

/** Marks the caller's shown automatic notices read (seeing the list is reading them). */
export async function markNotificationsRead(db: DB, principal: Principal, ids: number[]) {
	if (!ids.length) return;
	await db
		.updateTable('notifications')
		.set({ read_at: sql`now()` })
		.where('user_id', '=', principal.userId)
		.where('id', 'in', ids)
		.where('read_at', 'is', null)
		.execute();
}

/** Lists the caller's automatic notices and marks them read (shown as unread this once). */
export async function readNotifications(
	db: DB,
	principal: Principal,
	options: { schoolId?: number } = {}
): Promise<AutoNotice[]> {
	const list = await ownNotifications(db, principal, options);
	await markNotificationsRead(
		db,
		principal,
		list.filter((n) => n.unread).map((n) => n.id)
	);
	return list;
}
