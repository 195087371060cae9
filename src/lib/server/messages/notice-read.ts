import { sql } from 'kysely';
import { notFound } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import { DomainError } from '../errors';
import { viNameOrder } from '../db/sort';

/**
 * Reading notices. The sender's school sees per notice the delivered, read and confirmed counts and
 * the families (or staff) who have not read or confirmed; a recipient sees only the notices
 * addressed to them (a row in `notice_recipients`), anything else is 404.
 */
export interface NoticeSummary {
	id: number;
	title: string;
	targetKind: string;
	requiresConfirmation: boolean;
	confirmBy: Date | null;
	sentAt: Date;
	delivered: number;
	read: number;
	confirmed: number;
}

const counts = [
	sql<number>`(select count(*) from notice_recipients r where r.notice_id = n.id)::int`.as(
		'delivered'
	),
	sql<number>`(select count(*) from notice_recipients r
		where r.notice_id = n.id and r.read_at is not null)::int`.as('read'),
	sql<number>`(select count(*) from notice_recipients r
		where r.notice_id = n.id and r.confirmed_at is not null)::int`.as('confirmed')
];

const summary = (r: {
	id: number;
	title: string;
	target_kind: string;
	requires_confirmation: boolean;
	confirm_by: Date | null;
	sent_at: Date;
	delivered: number;
	read: number;
	confirmed: number;
}): NoticeSummary => ({
	id: r.id,
	title: r.title,
	targetKind: r.target_kind,
	requiresConfirmation: r.requires_confirmation,
	confirmBy: r.confirm_by,
	sentAt: r.sent_at,
	delivered: r.delivered,
	read: r.read,
	confirmed: r.confirmed
});

export async function schoolNotices(db: DB, schoolId: number, page = 1): Promise<NoticeSummary[]> {
	const rows = await db
		.selectFrom('notices as n')
		.select([
			'n.id',
			'n.title',
			'n.target_kind',
			'n.requires_confirmation',
			'n.confirm_by',
			'n.sent_at',
			...counts
		])
		.where('n.school_id', '=', schoolId)
		.orderBy('n.sent_at', 'desc')
		.orderBy('n.id', 'desc')
		.limit(50)
		.offset((page - 1) * 50)
		.execute();
	return rows.map(summary);
}

export interface PendingRecipient {
	userId: number;
	name: string;
	phone: string | null;
	children: string | null;
	read: boolean;
	remindedAt: Date | null;
}

/** One notice of the school with its counts and who has not read (or not confirmed) it. */
export async function noticeReport(db: DB, schoolId: number, noticeId: number) {
	const row = await db
		.selectFrom('notices as n')
		.select([
			'n.id',
			'n.title',
			'n.body',
			'n.target_kind',
			'n.requires_confirmation',
			'n.confirm_by',
			'n.sent_at',
			'n.remind_count',
			'n.last_reminded_at',
			...counts
		])
		.where('n.id', '=', noticeId)
		.where('n.school_id', '=', schoolId)
		.executeTakeFirst();
	if (!row) notFound();
	const pending = await db
		.selectFrom('notice_recipients as r')
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select([
			'u.id',
			'u.name',
			'u.phone',
			'r.read_at',
			'r.reminded_at',
			sql<string | null>`(select string_agg(st.full_name, ', ' order by st.full_name)
				from guardians g join student_guardians sg on sg.guardian_id = g.id
				join students st on st.id = sg.student_id
				where g.user_id = u.id and st.school_id = ${schoolId} and st.active)`.as('children')
		])
		.where('r.notice_id', '=', noticeId)
		.where(
			row.requires_confirmation
				? sql<boolean>`r.confirmed_at is null`
				: sql<boolean>`r.read_at is null`
		)
		.orderBy(viNameOrder('u.name'))
		.limit(500)
		.execute();
	return {
		...summary(row),
		body: row.body,
		remindCount: row.remind_count,
		lastRemindedAt: row.last_reminded_at,
		pending: pending.map((p): PendingRecipient => ({
			userId: p.id,
			name: p.name,
			phone: p.phone,
			children: p.children,
			read: p.read_at !== null,
			remindedAt: p.reminded_at
		}))
	};
}

export interface ReceivedNotice {
	id: number;
	title: string;
	schoolName: string;
	sentAt: Date;
	requiresConfirmation: boolean;
	confirmBy: Date | null;
	readAt: Date | null;
	confirmedAt: Date | null;
	remindedAt: Date | null;
}

/** The notices addressed to the caller (families' or staff's), reminded and newest first. */
export async function receivedNotices(
	db: DB,
	principal: Principal,
	audience: 'families' | 'staff'
): Promise<ReceivedNotice[]> {
	const rows = await db
		.selectFrom('notice_recipients as r')
		.innerJoin('notices as n', 'n.id', 'r.notice_id')
		.innerJoin('schools as s', 's.id', 'n.school_id')
		.select([
			'n.id',
			'n.title',
			's.name as school_name',
			'n.sent_at',
			'n.requires_confirmation',
			'n.confirm_by',
			'r.read_at',
			'r.confirmed_at',
			'r.reminded_at'
		])
		.where('r.user_id', '=', principal.userId)
		.where('n.audience', '=', audience)
		.orderBy(sql`coalesce(r.reminded_at, n.sent_at)`, 'desc')
		.limit(100)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		schoolName: r.school_name,
		sentAt: r.sent_at,
		requiresConfirmation: r.requires_confirmation,
		confirmBy: r.confirm_by,
		readAt: r.read_at,
		confirmedAt: r.confirmed_at,
		remindedAt: r.reminded_at
	}));
}

/** One notice addressed to the caller (404 otherwise), marked read on opening. */
export async function openNotice(
	db: DB,
	principal: Principal,
	audience: 'families' | 'staff',
	noticeId: number
) {
	await db
		.updateTable('notice_recipients')
		.set({ read_at: sql`now()` })
		.where('notice_id', '=', noticeId)
		.where('user_id', '=', principal.userId)
		.where('read_at', 'is', null)
		.execute();
	const row = await db
		.selectFrom('notice_recipients as r')
		.innerJoin('notices as n', 'n.id', 'r.notice_id')
		.innerJoin('schools as s', 's.id', 'n.school_id')
		.select([
			'n.id',
			'n.title',
			'n.body',
			's.name as school_name',
			'n.sent_at',
			'n.requires_confirmation',
			'n.confirm_by',
			'r.read_at',
			'r.confirmed_at',
			'r.reminded_at'
		])
		.where('r.user_id', '=', principal.userId)
		.where('r.notice_id', '=', noticeId)
		.where('n.audience', '=', audience)
		.executeTakeFirst();
	if (!row) notFound();
	return {
		id: row.id,
		title: row.title,
		body: row.body,
		schoolName: row.school_name,
		sentAt: row.sent_at,
		requiresConfirmation: row.requires_confirmation,
		confirmBy: row.confirm_by,
		readAt: row.read_at,
		confirmedAt: row.confirmed_at,
		remindedAt: row.reminded_at,
		open: !row.confirm_by || row.confirm_by.getTime() > Date.now()
	};
}

/** A recipient confirms a notice that asks for it, before its deadline. */
export async function confirmNotice(db: DB, principal: Principal, noticeId: number): Promise<void> {
	const result = await db
		.updateTable('notice_recipients as r')
		.set({ confirmed_at: sql`now()`, read_at: sql`coalesce(r.read_at, now())` })
		.from('notices as n')
		.whereRef('n.id', '=', 'r.notice_id')
		.where('r.notice_id', '=', noticeId)
		.where('r.user_id', '=', principal.userId)
		.where('n.requires_confirmation', '=', true)
		.where('r.confirmed_at', 'is', null)
		.where(sql<boolean>`(n.confirm_by is null or n.confirm_by > now())`)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) throw new DomainError('notices_cannot_confirm');
}
