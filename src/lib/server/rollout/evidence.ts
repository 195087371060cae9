import type { DB } from '../db';
import type { FileStorage } from '../files/storage';
import type { Principal } from '../auth/session';
import { notFound, requireSchool } from '../auth/access';
import { DomainError } from '../errors';
import { canSchoolEdit } from '../../rollout/workflow';
import { checkEvidenceFile, evidenceTypeByExt, extensionOf } from '../../rollout/file-types';
import { findChecklist } from './checklists';

/**
 * Evidence files live in the file storage (files/storage.ts) under random keys (never the
 * upload's name, never a public path) and are served only through an authorised route that checks
 * the school's scope.
 */
export interface EvidenceStorage {
	files: FileStorage;
	maxBytes: number;
}

/** The upload's own name, kept for display and download: no path, no control characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const cleaned = [...base.normalize('NFC')]
		.filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
		.join('')
		.trim();
	return (cleaned || 'file').slice(-200);
}

async function editableItem(
	db: DB,
	principal: Principal,
	schoolId: number,
	checklistId: number,
	itemId: number
) {
	await requireSchool(db, principal, schoolId, 'rollout.edit');
	const checklist = await findChecklist(db, schoolId, checklistId);
	if (!canSchoolEdit(checklist.status)) throw new DomainError('rollout_checklist_locked');
	if (!Number.isSafeInteger(itemId)) notFound();
	const item = await db
		.selectFrom('school_checklist_items')
		.select(['id', 'checklist_id', 'school_id'])
		.where('id', '=', itemId)
		.where('checklist_id', '=', checklistId)
		.executeTakeFirst();
	return item ?? notFound();
}

export async function addEvidenceFile(
	db: DB,
	principal: Principal,
	storage: EvidenceStorage,
	ref: { schoolId: number; checklistId: number; itemId: number },
	file: { name: string; bytes: Uint8Array },
	label: string | null = null
) {
	const item = await editableItem(db, principal, ref.schoolId, ref.checklistId, ref.itemId);
	if (file.bytes.length > storage.maxBytes)
		throw new DomainError('rollout_upload_too_large', {
			max: Math.floor(storage.maxBytes / (1024 * 1024))
		});
	const fileName = cleanFileName(file.name);
	const check = checkEvidenceFile(fileName, file.bytes);
	if (!check.ok) throw new DomainError(`rollout_upload_${check.error}`);
	const { key } = await storage.files.put(file.bytes);
	try {
		return await db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('checklist_evidence')
				.values({
					item_id: item.id,
					school_id: item.school_id,
					kind: 'file',
					storage_key: key,
					file_name: fileName,
					content_type: check.type.mime,
					size_bytes: file.bytes.length,
					label,
					created_by: principal.userId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('checklist_history')
				.values({
					checklist_id: item.checklist_id,
					item_id: item.id,
					school_id: item.school_id,
					actor_user_id: principal.userId,
					action: 'evidence_added',
					changes: JSON.stringify({ file: fileName, bytes: file.bytes.length })
				})
				.execute();
			return row.id;
		});
	} catch (err) {
		await storage.files.delete(key);
		throw err;
	}
}

export async function addEvidenceLink(
	db: DB,
	principal: Principal,
	ref: { schoolId: number; checklistId: number; itemId: number },
	link: { url: string; label: string | null }
) {
	const item = await editableItem(db, principal, ref.schoolId, ref.checklistId, ref.itemId);
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('checklist_evidence')
			.values({
				item_id: item.id,
				school_id: item.school_id,
				kind: 'link',
				url: link.url,
				label: link.label,
				created_by: principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('checklist_history')
			.values({
				checklist_id: item.checklist_id,
				item_id: item.id,
				school_id: item.school_id,
				actor_user_id: principal.userId,
				action: 'evidence_added',
				changes: JSON.stringify({ url: link.url })
			})
			.execute();
		return row.id;
	});
}

export async function removeEvidence(
	db: DB,
	principal: Principal,
	storage: EvidenceStorage,
	ref: { schoolId: number; checklistId: number; itemId: number },
	evidenceId: number
) {
	const item = await editableItem(db, principal, ref.schoolId, ref.checklistId, ref.itemId);
	const removed = await db.transaction().execute(async (trx) => {
		const row = await trx
			.deleteFrom('checklist_evidence')
			.where('id', '=', evidenceId)
			.where('item_id', '=', item.id)
			.returning(['storage_key', 'file_name', 'url'])
			.executeTakeFirst();
		if (!row) notFound();
		await trx
			.insertInto('checklist_history')
			.values({
				checklist_id: item.checklist_id,
				item_id: item.id,
				school_id: item.school_id,
				actor_user_id: principal.userId,
				action: 'evidence_removed',
				changes: JSON.stringify(row.url ? { url: row.url } : { file: row.file_name })
			})
			.execute();
		return row;
	});
	if (removed.storage_key) await storage.files.delete(removed.storage_key);
}

/**
 * The file of an evidence row as a stream, for a caller whose scope covers its school; else a 404
 * (also when the stored file is missing).
 */
export async function openEvidence(
	db: DB,
	principal: Principal,
	storage: EvidenceStorage,
	schoolId: number,
	evidenceId: number
) {
	await requireSchool(db, principal, schoolId, 'rollout.view');
	if (!Number.isSafeInteger(evidenceId)) notFound();
	const row = await db
		.selectFrom('checklist_evidence')
		.select(['storage_key', 'file_name'])
		.where('id', '=', evidenceId)
		.where('school_id', '=', schoolId)
		.where('kind', '=', 'file')
		.executeTakeFirst();
	if (!row?.storage_key || !row.file_name) notFound();
	const type = evidenceTypeByExt(extensionOf(row.file_name));
	if (!type) notFound();
	const stored = await storage.files.get(row.storage_key);
	if (!stored) notFound();
	return { stream: stored.stream, size: stored.size, fileName: row.file_name, type };
}
