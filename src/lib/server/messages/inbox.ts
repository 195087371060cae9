import { sql } from 'kysely';
import { conversationWhere, type ConversationView } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { ConversationKind } from '../db/tables/messages';

/** Inboxes: the conversations the caller reads in a view, newest first, with unread marks. */
export interface InboxRow {
	id: number;
	title: string;
	kind: ConversationKind;
	studentName: string;
	className: string | null;
	staffName: string | null;
	subjectVi: string | null;
	subjectEn: string | null;
	lastMessageAt: Date;
	preview: string;
	unread: boolean;
}

export const INBOX_PAGE_SIZE = 50;

export async function inbox(
	db: DB,
	principal: Principal,
	view: ConversationView,
	options: { page?: number; schoolId?: number } = {}
): Promise<{ rows: InboxRow[]; more: boolean }> {
	const page = options.page ?? 1;
	let q = db
		.selectFrom('conversations')
		.innerJoin('students as st', 'st.id', 'conversations.student_id')
		.leftJoin('classes as cl', 'cl.id', 'st.class_id')
		.leftJoin('staff as s', 's.id', 'conversations.staff_id')
		.leftJoin('subjects as sub', 'sub.id', 'conversations.subject_id')
		.leftJoin('conversation_messages as m', 'm.id', 'conversations.last_message_id')
		.leftJoin('conversation_participants as me', (j) =>
			j.onRef('me.conversation_id', '=', 'conversations.id').on('me.user_id', '=', principal.userId)
		)
		.select([
			'conversations.id',
			'conversations.title',
			'conversations.kind',
			'st.full_name as student_name',
			'cl.name as class_name',
			's.full_name as staff_name',
			'sub.name_vi as subject_vi',
			'sub.name_en as subject_en',
			'conversations.last_message_at',
			sql<string>`left(coalesce(m.body, ''), 140)`.as('preview'),
			sql<boolean>`coalesce(conversations.last_message_id > coalesce(me.last_read_message_id, 0), false)`.as(
				'unread'
			)
		])
		.where(conversationWhere(principal, view));
	if (options.schoolId !== undefined) q = q.where('conversations.school_id', '=', options.schoolId);
	const rows = await q
		.orderBy('conversations.last_message_at', 'desc')
		.orderBy('conversations.id', 'desc')
		.limit(INBOX_PAGE_SIZE + 1)
		.offset((page - 1) * INBOX_PAGE_SIZE)
		.execute();
	return {
		more: rows.length > INBOX_PAGE_SIZE,
		rows: rows.slice(0, INBOX_PAGE_SIZE).map((r) => ({
			id: r.id,
			title: r.title,
			kind: r.kind,
			studentName: r.student_name,
			className: r.class_name,
			staffName: r.staff_name,
			subjectVi: r.subject_vi,
			subjectEn: r.subject_en,
			lastMessageAt: r.last_message_at,
			preview: r.preview,
			unread: r.unread
		}))
	};
}

/** Per child of the parent: conversations and unread ones (the parent's home; one query). */
export async function unreadByChild(
	db: DB,
	principal: Principal,
	childIds: number[]
): Promise<Map<number, { total: number; unread: number }>> {
	if (!childIds.length) return new Map();
	const rows = await db
		.selectFrom('conversations as c')
		.innerJoin('conversation_participants as me', (j) =>
			j
				.onRef('me.conversation_id', '=', 'c.id')
				.on('me.user_id', '=', principal.userId)
				.on('me.side', '=', 'family')
		)
		.select([
			'c.student_id',
			sql<number>`count(*)::int`.as('total'),
			sql<number>`count(*) filter (where c.last_message_id > coalesce(me.last_read_message_id, 0))::int`.as(
				'unread'
			)
		])
		.where('c.student_id', 'in', childIds)
		.groupBy('c.student_id')
		.execute();
	return new Map(rows.map((r) => [r.student_id, { total: r.total, unread: r.unread }]));
}
