import type { Kysely } from 'kysely';
import { checkAttachment, MAX_ATTACHMENTS } from '$lib/messages/attachments';
import { evidenceTypeByExt, extensionOf } from '$lib/rollout/file-types';
import { attachmentWhere, notFound } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import { fieldError } from '../errors';
import type { FileStorage } from '../files/storage';
import { cleanFileName } from '../rollout/evidence';

/**
 * Attachments of messages and notices. Files are checked (type by content, size, count) before
 * anything is stored; stored under random keys before the transaction that writes the message, and
 * removed again when that transaction fails, so a refused message leaves no file behind. Downloads
 * go through `attachmentWhere` (whoever may read the message or notice), else 404.
 */
export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

export interface StoredAttachment {
	key: string;
	fileName: string;
	contentType: string;
	size: number;
}

export interface AttachmentStorage {
	files: FileStorage;
	maxBytes: number;
}

export interface Attachment {
	id: number;
	fileName: string;
	contentType: string;
	size: number;
}

/** Checks every file (field 'files'); the first problem refuses them all. */
export function checkFiles(files: UploadedFile[], maxBytes: number) {
	if (files.length > MAX_ATTACHMENTS)
		throw fieldError('files', 'messages_attachment_too_many', { max: MAX_ATTACHMENTS });
	const max = { max: Math.floor(maxBytes / (1024 * 1024)) };
	const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
	if (total > maxBytes) throw fieldError('files', 'messages_attachment_too_large', max);
	return files.map((f) => {
		const fileName = cleanFileName(f.name);
		const check = checkAttachment(fileName, f.bytes);
		if (!check.ok)
			throw fieldError('files', `messages_attachment_${check.error}`, { name: fileName });
		return { fileName, bytes: f.bytes, contentType: check.type.mime };
	});
}

/**
 * Checks and stores the files, runs `work` with them (the transaction that writes the rows) and
 * removes the stored files when `work` fails.
 */
export async function withStoredFiles<T>(
	storage: AttachmentStorage,
	files: UploadedFile[],
	work: (stored: StoredAttachment[]) => Promise<T>
): Promise<T> {
	const checked = checkFiles(files, storage.maxBytes);
	const stored: StoredAttachment[] = [];
	try {
		for (const f of checked) {
			const { key, size } = await storage.files.put(f.bytes);
			stored.push({ key, fileName: f.fileName, contentType: f.contentType, size });
		}
		return await work(stored);
	} catch (err) {
		await Promise.all(stored.map((s) => storage.files.delete(s.key)));
		throw err;
	}
}

/** Writes the attachment rows of a message or a notice (inside its transaction). */
export async function insertAttachments(
	trx: Kysely<Database>,
	owner: { messageId: number } | { noticeId: number },
	schoolId: number,
	createdBy: number,
	stored: StoredAttachment[]
): Promise<void> {
	if (!stored.length) return;
	await trx
		.insertInto('message_attachments')
		.values(
			stored.map((s) => ({
				school_id: schoolId,
				message_id: 'messageId' in owner ? owner.messageId : null,
				notice_id: 'noticeId' in owner ? owner.noticeId : null,
				storage_key: s.key,
				file_name: s.fileName,
				content_type: s.contentType,
				size_bytes: s.size,
				created_by: createdBy
			}))
		)
		.execute();
}

const columns = ['id', 'file_name', 'content_type', 'size_bytes'] as const;
const toAttachment = (r: {
	id: number;
	file_name: string;
	content_type: string;
	size_bytes: number;
}): Attachment => ({
	id: r.id,
	fileName: r.file_name,
	contentType: r.content_type,
	size: r.size_bytes
});

/** The attachments of the shown messages, by message id (one query). */
export async function attachmentsOfMessages(
	db: DB,
	messageIds: number[]
): Promise<Map<number, Attachment[]>> {
	const byMessage = new Map<number, Attachment[]>();
	if (!messageIds.length) return byMessage;
	const rows = await db
		.selectFrom('message_attachments')
		.select([...columns, 'message_id'])
		.where('message_id', 'in', messageIds)
		.orderBy('id')
		.execute();
	for (const r of rows) {
		const list = byMessage.get(Number(r.message_id)) ?? [];
		list.push(toAttachment(r));
		byMessage.set(Number(r.message_id), list);
	}
	return byMessage;
}

/** The attachments of a notice whose scope the caller already proved. */
export async function attachmentsOfNotice(db: DB, noticeId: number): Promise<Attachment[]> {
	const rows = await db
		.selectFrom('message_attachments')
		.select([...columns])
		.where('notice_id', '=', noticeId)
		.orderBy('id')
		.execute();
	return rows.map(toAttachment);
}

/** The file, for a caller who may read its message or notice; otherwise (or when gone) 404. */
export async function openAttachment(db: DB, principal: Principal, files: FileStorage, id: number) {
	const row = await db
		.selectFrom('message_attachments as a')
		.select(['a.storage_key', 'a.file_name'])
		.where('a.id', '=', id)
		.where(attachmentWhere(principal, 'a'))
		.executeTakeFirst();
	if (!row) notFound();
	const type = evidenceTypeByExt(extensionOf(row.file_name));
	if (!type) notFound();
	const stored = await files.get(row.storage_key);
	if (!stored) notFound();
	return { stream: stored.stream, size: stored.size, fileName: row.file_name, type };
}
