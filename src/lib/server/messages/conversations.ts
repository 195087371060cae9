import { sql, type Transaction } from 'kysely';
import * as m from '$lib/paraglide/messages';
import type { Recipient } from '$lib/schemas/messages';
import type { Actor } from '../audit';
import { studentWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { ConversationKind, ConversationSide } from '../db/tables/messages';
import { fieldError } from '../errors';
import { insertAttachments, withStoredFiles, type StoredAttachment } from './attachments';
import type { AttachmentStorage, UploadedFile } from './attachments';
import { emailNotBefore } from './office-hours';
import { enqueueDelivery } from './outbox';
import { requireConversation } from './read';

/**
 * Writing conversations: a parent starts one about an own child with the homeroom teacher, a
 * subject teacher of the child's class or the school office; a teacher starts one with the
 * guardians of a pupil of their classes; participants (and the office) answer. The conversation,
 * its participants and its first message are written in one transaction.
 */
type Trx = Transaction<Database>;

/** Files sent with a message and where they go (none: a text-only message). */
export interface Attach {
	storage: AttachmentStorage;
	files: UploadedFile[];
}

/** Runs `work` with the files stored (removed again if it fails); no files: just `work`. */
function withFiles<T>(
	attach: Attach | undefined,
	work: (stored: StoredAttachment[]) => Promise<T>
) {
	return attach?.files.length ? withStoredFiles(attach.storage, attach.files, work) : work([]);
}

interface NewConversation {
	schoolId: number;
	studentId: number;
	kind: ConversationKind;
	staffId: number | null;
	subjectId: number | null;
	title: string;
	body: string;
	participants: { userId: number; side: ConversationSide }[];
}

/**
 * E-mails the other participants who opted in (one batch per side: their links differ). A family's
 * message outside the teacher's office hours reaches the staff side's e-mail at the next start.
 */
async function emailParticipants(
	trx: Trx,
	conversationId: number,
	messageId: number,
	sender: { id: number; side: ConversationSide },
	title: string,
	staffId: number | null
) {
	const senderId = sender.id;
	const staffNotBefore =
		sender.side === 'family'
			? await emailNotBefore(trx, conversationId, new Date(), { staffId })
			: undefined;
	for (const side of ['family', 'staff'] as const) {
		const path = `/${side === 'family' ? 'parent' : 'teacher'}/messages/${conversationId}`;
		await enqueueDelivery(trx, {
			batchKey: `message:${messageId}:${side}`,
			kind: 'message',
			recipients: sql`select user_id from conversation_participants
				where conversation_id = ${conversationId} and side = ${side} and user_id <> ${senderId}`,
			subject: m.outbox_message_subject({ title }, { locale: 'vi' }),
			text: m.outbox_message_body({ title }, { locale: 'vi' }),
			path,
			notBefore: side === 'staff' ? staffNotBefore : undefined
		});
	}
}

/** Adds a message as `senderId` and moves the conversation's last message; the sender has read it. */
async function postMessage(
	trx: Trx,
	conversationId: number,
	senderId: number,
	side: ConversationSide,
	body: string,
	files: { schoolId: number; staffId: number | null; title: string; stored: StoredAttachment[] }
): Promise<number> {
	// one statement: the message, the conversation's last message, the sender's read receipt
	const { rows } = await sql<{ id: number }>`
		with m as (
			insert into conversation_messages (conversation_id, sender_id, side, body)
			values (${conversationId}, ${senderId}, ${side}, ${body})
			returning id, created_at),
		c as (
			update conversations set last_message_id = m.id, last_message_at = m.created_at
			from m where conversations.id = ${conversationId}),
		p as (
			insert into conversation_participants
				(conversation_id, user_id, side, last_read_message_id, last_read_at)
			select ${conversationId}, ${senderId}, ${side}, m.id, m.created_at from m
			on conflict (conversation_id, user_id) do update set
				last_read_message_id = excluded.last_read_message_id,
				last_read_at = excluded.last_read_at)
		select id from m`.execute(trx);
	const message = rows[0];
	await insertAttachments(trx, { messageId: message.id }, files.schoolId, senderId, files.stored);
	const sender = { id: senderId, side };
	await emailParticipants(trx, conversationId, message.id, sender, files.title, files.staffId);
	return message.id;
}

async function createConversation(
	db: DB,
	actor: Actor,
	c: NewConversation,
	attach?: Attach
): Promise<number> {
	return withFiles(attach, (stored) =>
		db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('conversations')
				.values({
					school_id: c.schoolId,
					student_id: c.studentId,
					kind: c.kind,
					staff_id: c.staffId,
					subject_id: c.subjectId,
					title: c.title,
					started_by: actor.principal.userId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('conversation_participants')
				.values(
					c.participants.map((p) => ({ conversation_id: row.id, user_id: p.userId, side: p.side }))
				)
				.execute();
			const starter = c.participants[0];
			await postMessage(trx, row.id, starter.userId, starter.side, c.body, {
				schoolId: c.schoolId,
				staffId: c.staffId,
				title: c.title,
				stored
			});
			return row.id;
		})
	);
}

/** The teacher a parent's recipient stands for: an active staff member with an active account. */
async function recipientStaff(db: DB, classId: number | null, to: Recipient) {
	if (to.kind === 'office' || classId === null) return null;
	let q = db
		.selectFrom('staff as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.select(['s.id', 's.user_id'])
		.where('s.active', '=', true)
		.where('u.active', '=', true);
	q =
		to.kind === 'homeroom'
			? q.where('s.id', '=', (eb) =>
					eb.selectFrom('classes').select('homeroom_staff_id').where('id', '=', classId)
				)
			: q.where('s.id', '=', (eb) =>
					eb
						.selectFrom('teaching_assignments')
						.select('staff_id')
						.where('class_id', '=', classId)
						.where('subject_id', '=', to.subjectId!)
				);
	return (await q.executeTakeFirst()) ?? null;
}

/** A parent writes about an own child; anything else is "this recipient is not available". */
export async function startAsParent(
	db: DB,
	actor: Actor,
	input: { to: Recipient; title: string; body: string },
	attach?: Attach
): Promise<number> {
	const me = actor.principal;
	const child = await db
		.selectFrom('students')
		.select(['id', 'school_id', 'class_id'])
		.where('id', '=', input.to.studentId)
		.where('active', '=', true)
		.where(studentWhere(me, 'student.family'))
		.executeTakeFirst();
	if (!child) throw fieldError('to', 'messages_recipient_unavailable');
	const staff = await recipientStaff(db, child.class_id, input.to);
	if (input.to.kind !== 'office' && (!staff || staff.user_id === me.userId))
		throw fieldError('to', 'messages_recipient_unavailable');
	return createConversation(
		db,
		actor,
		{
			schoolId: child.school_id,
			studentId: child.id,
			kind: input.to.kind,
			staffId: staff?.id ?? null,
			subjectId: input.to.kind === 'subject' ? input.to.subjectId : null,
			title: input.title,
			body: input.body,
			participants: [
				{ userId: me.userId, side: 'family' },
				...(staff?.user_id ? [{ userId: staff.user_id, side: 'staff' as const }] : [])
			]
		},
		attach
	);
}

/** A teacher writes to the guardians (with an account) of a pupil of their classes. */
export async function startAsTeacher(
	db: DB,
	actor: Actor,
	input: { student: number; title: string; body: string },
	attach?: Attach
): Promise<number> {
	const me = actor.principal;
	const pupil = await db
		.selectFrom('students')
		.innerJoin('classes as c', 'c.id', 'students.class_id')
		.innerJoin('staff as s', (j) =>
			j.onRef('s.school_id', '=', 'students.school_id').on('s.user_id', '=', me.userId)
		)
		.select([
			'students.id',
			'students.school_id',
			'students.class_id',
			's.id as staff_id',
			sql<boolean>`c.homeroom_staff_id = s.id`.as('homeroom'),
			sql<number | null>`(select min(ta.subject_id) from teaching_assignments ta
				where ta.class_id = c.id and ta.staff_id = s.id)`.as('subject_id')
		])
		.where('students.id', '=', input.student)
		.where('students.active', '=', true)
		.where('s.active', '=', true)
		.where(studentWhere(me, 'class.teach'))
		.orderBy(sql`c.homeroom_staff_id = s.id`, 'desc')
		.executeTakeFirst();
	if (!pupil || (!pupil.homeroom && pupil.subject_id === null))
		throw fieldError('student', 'messages_recipient_unavailable');
	const guardians = await db
		.selectFrom('student_guardians as sg')
		.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
		.innerJoin('users as u', 'u.id', 'g.user_id')
		.select('u.id')
		.distinct()
		.where('sg.student_id', '=', pupil.id)
		.where('u.active', '=', true)
		.where('u.id', '<>', me.userId)
		.execute();
	if (!guardians.length) throw fieldError('student', 'messages_no_guardian_account');
	return createConversation(
		db,
		actor,
		{
			schoolId: pupil.school_id,
			studentId: pupil.id,
			kind: pupil.homeroom ? 'homeroom' : 'subject',
			staffId: pupil.staff_id,
			subjectId: pupil.homeroom ? null : pupil.subject_id,
			title: input.title,
			body: input.body,
			participants: [
				{ userId: me.userId, side: 'staff' },
				...guardians.map((g) => ({ userId: g.id, side: 'family' as const }))
			]
		},
		attach
	);
}

/**
 * An answer in a conversation the caller may read in `view` (404 otherwise). The office's admin
 * who answers joins the conversation as a participant of the staff side.
 */
export async function reply(
	db: DB,
	principal: Principal,
	view: 'family' | 'staff' | 'office',
	conversationId: number,
	body: string,
	attach?: Attach
): Promise<number> {
	return withFiles(attach, (stored) =>
		db.transaction().execute(async (trx) => {
			const c = await requireConversation(trx, principal, view, conversationId, { lock: true });
			const side = view === 'family' ? 'family' : 'staff';
			return postMessage(trx, conversationId, principal.userId, side, body, {
				schoolId: c.school_id,
				staffId: c.staff_id,
				title: c.title,
				stored
			});
		})
	);
}
