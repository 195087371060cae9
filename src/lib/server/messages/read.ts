import { sql, type Kysely } from 'kysely';
import { conversationWhere, notFound, type ConversationView } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { ConversationKind, ConversationSide } from '../db/tables/messages';
import { attachmentsOfMessages, type Attachment } from './attachments';
import { viNameOrder } from '../db/sort';

/**
 * Reading conversations. Every read goes through `conversationWhere`: only participants (and, for
 * office conversations, the school's admins) read one; anyone else gets the same 404 as for a
 * conversation that does not exist. Opening a conversation marks it read for the reader ("đã xem").
 */

/** The conversation, if the caller may read it in `view`; 404 otherwise. */
export async function requireConversation(
	db: Kysely<Database>,
	principal: Principal,
	view: ConversationView,
	id: number,
	options: { lock?: boolean; schoolId?: number } = {}
) {
	let q = db
		.selectFrom('conversations')
		.select(['id', 'school_id', 'staff_id', 'last_message_id', 'title'])
		.where('id', '=', id)
		.where(conversationWhere(principal, view));
	if (options.schoolId !== undefined) q = q.where('school_id', '=', options.schoolId);
	const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
	if (!row) notFound();
	return row;
}

export interface ConversationMessage {
	id: number;
	senderId: number;
	senderName: string;
	side: ConversationSide;
	body: string;
	createdAt: Date;
	attachments: Attachment[];
}

export interface Participant {
	userId: number;
	name: string;
	side: ConversationSide;
	lastReadMessageId: number | null;
	lastReadAt: Date | null;
}

export interface ConversationPage {
	id: number;
	title: string;
	kind: ConversationKind;
	studentName: string;
	className: string | null;
	schoolName: string;
	staffName: string | null;
	subjectVi: string | null;
	subjectEn: string | null;
	messages: ConversationMessage[];
	participants: Participant[];
	/** messages before the shown ones (only the latest are shown) */
	earlier: number;
}

/** How many of the latest messages a conversation page shows. */
export const SHOWN_MESSAGES = 200;

/** Marks the conversation read up to its last message for the caller (the office joins it). */
async function markRead(
	db: DB,
	userId: number,
	view: ConversationView,
	c: { id: number; last_message_id: number | null }
) {
	if (c.last_message_id === null) return;
	const upTo = c.last_message_id;
	await db
		.insertInto('conversation_participants')
		.values({
			conversation_id: c.id,
			user_id: userId,
			side: view === 'family' ? 'family' : 'staff',
			last_read_message_id: upTo,
			last_read_at: sql`now()`
		})
		.onConflict((oc) =>
			oc
				.columns(['conversation_id', 'user_id'])
				.doUpdateSet({ last_read_message_id: upTo, last_read_at: sql`now()` })
				.where(sql<boolean>`coalesce(conversation_participants.last_read_message_id, 0) < ${upTo}`)
		)
		.execute();
}

/** One conversation for its page (the caller's view), marked read for the caller. */
export async function loadConversation(
	db: DB,
	principal: Principal,
	view: ConversationView,
	id: number,
	schoolId?: number
): Promise<ConversationPage> {
	const c = await requireConversation(db, principal, view, id, { schoolId });
	await markRead(db, principal.userId, view, c);
	const [head, messages, participants, total] = await Promise.all([
		db
			.selectFrom('conversations as c')
			.innerJoin('students as st', 'st.id', 'c.student_id')
			.innerJoin('schools as sc', 'sc.id', 'c.school_id')
			.leftJoin('classes as cl', 'cl.id', 'st.class_id')
			.leftJoin('staff as s', 's.id', 'c.staff_id')
			.leftJoin('subjects as sub', 'sub.id', 'c.subject_id')
			.select([
				'c.id',
				'c.title',
				'c.kind',
				'st.full_name as student_name',
				'cl.name as class_name',
				'sc.name as school_name',
				's.full_name as staff_name',
				'sub.name_vi as subject_vi',
				'sub.name_en as subject_en'
			])
			.where('c.id', '=', id)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('conversation_messages as m')
			.innerJoin('users as u', 'u.id', 'm.sender_id')
			.select(['m.id', 'm.sender_id', 'u.name', 'm.side', 'm.body', 'm.created_at'])
			.where('m.conversation_id', '=', id)
			.orderBy('m.id', 'desc')
			.limit(SHOWN_MESSAGES)
			.execute(),
		db
			.selectFrom('conversation_participants as p')
			.innerJoin('users as u', 'u.id', 'p.user_id')
			.select(['p.user_id', 'u.name', 'p.side', 'p.last_read_message_id', 'p.last_read_at'])
			.where('p.conversation_id', '=', id)
			.orderBy('p.side')
			.orderBy(viNameOrder('u.name'))
			.execute(),
		db
			.selectFrom('conversation_messages')
			.select(sql<number>`count(*)::int`.as('n'))
			.where('conversation_id', '=', id)
			.executeTakeFirstOrThrow()
	]);
	const files = await attachmentsOfMessages(
		db,
		messages.map((m) => m.id)
	);
	return {
		id: head.id,
		title: head.title,
		kind: head.kind,
		studentName: head.student_name,
		className: head.class_name,
		schoolName: head.school_name,
		staffName: head.staff_name,
		subjectVi: head.subject_vi,
		subjectEn: head.subject_en,
		messages: messages.reverse().map((m) => ({
			id: m.id,
			senderId: m.sender_id,
			senderName: m.name,
			side: m.side,
			body: m.body,
			createdAt: m.created_at,
			attachments: files.get(m.id) ?? []
		})),
		participants: participants.map((p) => ({
			userId: p.user_id,
			name: p.name,
			side: p.side,
			lastReadMessageId: p.last_read_message_id,
			lastReadAt: p.last_read_at
		})),
		earlier: Math.max(0, total.n - messages.length)
	};
}
