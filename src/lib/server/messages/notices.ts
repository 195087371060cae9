import { sql, type Kysely } from 'kysely';
import { vietnamDayEnd } from '../../dates';
import type { NoticeInput } from '$lib/schemas/messages';
import type { Actor } from '../audit';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { DomainError, fieldError } from '../errors';
import * as m from '$lib/paraglide/messages';
import { enqueueDelivery } from './outbox';
import {
	insertAttachments,
	withStoredFiles,
	type AttachmentStorage,
	type StoredAttachment,
	type UploadedFile
} from './attachments';

/**
 * Sending a notice: written once, fanned out to one `notice_recipients` row per recipient user in
 * the same transaction by one INSERT ... SELECT (never a loop), so a notice to 2,000 families is in
 * every inbox when the transaction commits. Families: the guardians with an active account of the
 * active pupils of the target; staff: the school's active staff with an account.
 */

/** The pupils (`st`) of the target, as a predicate inside the fan-out's SELECT. */
function pupilFilter(kind: NoticeInput['target'], ids: number[]) {
	if (kind === 'grades')
		return sql`and st.class_id in (select c.id from classes c
			where c.school_id = st.school_id and c.active and c.grade = any(${ids}::int[]))`;
	if (kind === 'classes') return sql`and st.class_id = any(${ids}::int[])`;
	if (kind === 'students') return sql`and st.id = any(${ids}::int[])`;
	return sql``;
}

async function fanOut(
	trx: Kysely<Database>,
	noticeId: number,
	schoolId: number,
	kind: NoticeInput['target'],
	ids: number[]
) {
	const select =
		kind === 'staff'
			? sql`select distinct ${noticeId}::int, s.user_id from staff s join users u on u.id = s.user_id
				where s.school_id = ${schoolId} and s.active and u.active`
			: sql`select distinct ${noticeId}::int, g.user_id from students st
				join student_guardians sg on sg.student_id = st.id
				join guardians g on g.id = sg.guardian_id
				join users u on u.id = g.user_id
				where st.school_id = ${schoolId} and st.active and u.active ${pupilFilter(kind, ids)}`;
	const result = await sql`insert into notice_recipients (notice_id, user_id) ${select}
		on conflict do nothing`.execute(trx);
	return Number(result.numAffectedRows ?? 0);
}

/** The target's ids, checked to belong to the school (classes) or looked up by code (pupils). */
async function targetIds(db: DB, schoolId: number, input: NoticeInput): Promise<number[]> {
	if (input.target === 'grades') return [...new Set(input.grades)].sort((a, b) => a - b);
	if (input.target === 'classes') {
		const rows = await db
			.selectFrom('classes')
			.select('id')
			.where('school_id', '=', schoolId)
			.where('id', 'in', input.classes)
			.execute();
		if (rows.length !== new Set(input.classes).size)
			throw fieldError('classes', 'notices_unknown_class');
		return rows.map((r) => r.id);
	}
	if (input.target === 'students') {
		const rows = await db
			.selectFrom('students')
			.select(['id', 'code'])
			.where('school_id', '=', schoolId)
			.where('code', 'in', input.students)
			.execute();
		const found = new Set(rows.map((r) => r.code));
		const missing = input.students.filter((c) => !found.has(c));
		if (missing.length)
			throw fieldError('students', 'notices_unknown_pupils', {
				codes: missing.slice(0, 10).join(', ')
			});
		return rows.map((r) => r.id);
	}
	return [];
}

/**
 * Writes a notice and its recipients in the caller's transaction (the seed calls it too: relative
 * imports only). Refuses a notice that reaches nobody.
 */
export async function insertNotice(
	trx: Kysely<Database>,
	senderId: number,
	schoolId: number,
	input: Omit<NoticeInput, 'grades' | 'classes' | 'students'>,
	ids: number[]
): Promise<number> {
	const notice = await trx
		.insertInto('notices')
		.values({
			school_id: schoolId,
			title: input.title,
			body: input.body,
			audience: input.target === 'staff' ? 'staff' : 'families',
			target_kind: input.target,
			target_ids: ids,
			requires_confirmation: input.requiresConfirmation,
			confirm_by: input.confirmBy ? vietnamDayEnd(input.confirmBy) : null,
			sent_by: senderId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const count = await fanOut(trx, notice.id, schoolId, input.target, ids);
	if (count === 0) throw new DomainError('notices_no_recipients');
	await trx
		.updateTable('notices')
		.set({ recipient_count: count })
		.where('id', '=', notice.id)
		.execute();
	return notice.id;
}

/** Sends a notice with its files (checked and stored first; removed if the notice is refused). */
export async function sendNotice(
	db: DB,
	actor: Actor,
	schoolId: number,
	input: NoticeInput,
	attach?: { storage: AttachmentStorage; files: UploadedFile[] }
): Promise<number> {
	const ids = await targetIds(db, schoolId, input);
	const sender = actor.principal.userId;
	const write = (stored: StoredAttachment[]) =>
		db.transaction().execute(async (trx) => {
			const id = await insertNotice(trx, sender, schoolId, input, ids);
			await insertAttachments(trx, { noticeId: id }, schoolId, sender, stored);
			await enqueueDelivery(trx, {
				batchKey: `notice:${id}`,
				kind: 'notice',
				recipients: sql`select user_id from notice_recipients where notice_id = ${id}`,
				subject: m.outbox_notice_subject({ title: input.title }, { locale: 'vi' }),
				text: m.outbox_notice_body({ title: input.title }, { locale: 'vi' }),
				path: `/${input.target === 'staff' ? 'teacher' : 'parent'}/notices/${id}`
			});
			return id;
		});
	return attach?.files.length ? withStoredFiles(attach.storage, attach.files, write) : write([]);
}
