import { sql, type Kysely } from 'kysely';
import { evidenceTypeByExt, extensionOf } from '$lib/rollout/file-types';
import { notFound, officialScopeWhere } from '../auth/access';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { FileStorage } from '../files/storage';
import type { Attachment, StoredAttachment } from '../messages/attachments';
import { readerWhere } from './read';

/**
 * Files of official notices: checked and stored like message attachments (`withStoredFiles` of
 * `messages/attachments.ts`: type by content, size, count; removed when the notice is refused).
 * A file is downloaded only by a reader of its notice at a target school (the school's admins, its
 * teachers when the notice includes them) or by an official whose scope holds the notice; anyone
 * else gets 404.
 */

/** Writes the notice's file rows (inside the sending transaction). */
export async function insertOfficialFiles(
	trx: Kysely<Database>,
	noticeId: number,
	createdBy: number,
	stored: StoredAttachment[]
): Promise<void> {
	if (!stored.length) return;
	await trx
		.insertInto('official_notice_attachments')
		.values(
			stored.map((s) => ({
				notice_id: noticeId,
				storage_key: s.key,
				file_name: s.fileName,
				content_type: s.contentType,
				size_bytes: s.size,
				created_by: createdBy
			}))
		)
		.execute();
}

/** The files of a notice whose scope the caller already proved. */
export async function officialFiles(db: DB, noticeId: number): Promise<Attachment[]> {
	const rows = await db
		.selectFrom('official_notice_attachments')
		.select(['id', 'file_name', 'content_type', 'size_bytes'])
		.where('notice_id', '=', noticeId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		fileName: r.file_name,
		contentType: r.content_type,
		size: r.size_bytes
	}));
}

export type FileReader =
	| { kind: 'school'; principal: Principal; schoolId: number }
	| { kind: 'official'; principal: Principal };

/** Who may download the file of `a` (the row's notice `n`), as a predicate. */
function mayRead(reader: FileReader) {
	if (reader.kind === 'official')
		return officialScopeWhere(reader.principal, 'official_notices.send', 'n');
	return sql`exists (select 1 from official_notice_schools ons
		where ons.notice_id = n.id and ons.school_id = ${reader.schoolId})
		and ${readerWhere(reader.principal, reader.schoolId)}`;
}

/** The file `fileId` of notice `noticeId`, for a caller who may read the notice; else 404. */
export async function openOfficialFile(
	db: DB,
	files: FileStorage,
	reader: FileReader,
	noticeId: number,
	fileId: number
) {
	const { rows } = await sql<{ storage_key: string; file_name: string }>`
		select a.storage_key, a.file_name from official_notice_attachments a
		join official_notices n on n.id = a.notice_id
		where a.id = ${fileId} and a.notice_id = ${noticeId} and ${mayRead(reader)}`.execute(db);
	const row = rows[0] ?? notFound();
	const type = evidenceTypeByExt(extensionOf(row.file_name)) ?? notFound();
	const stored = (await files.get(row.storage_key)) ?? notFound();
	return { stream: stored.stream, size: stored.size, fileName: row.file_name, type };
}
