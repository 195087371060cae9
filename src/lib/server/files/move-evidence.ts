import type { DB } from '../db';
import type { FileStorage } from './storage';

/**
 * Copies the evidence files that exist only in `from` (e.g. the UPLOAD_DIR of a portal that ran on
 * PostgreSQL before files were kept in the database) into `to`, and points their evidence rows at
 * the new keys. The old files stay where they were; running it again copies nothing twice.
 */
export async function moveEvidenceFiles(
	db: DB,
	from: FileStorage,
	to: FileStorage
): Promise<{ copied: number; missing: number }> {
	const rows = await db
		.selectFrom('checklist_evidence')
		.select(['id', 'storage_key'])
		.where('storage_key', 'is not', null)
		.orderBy('id')
		.execute();
	let copied = 0;
	let missing = 0;
	for (const row of rows) {
		const key = row.storage_key!;
		const present = await to.get(key);
		if (present) {
			await present.stream.cancel();
			continue;
		}
		const file = await from.get(key);
		if (!file) {
			missing += 1;
			continue;
		}
		const stored = await to.put(file.stream);
		const updated = await db
			.updateTable('checklist_evidence')
			.set({ storage_key: stored.key })
			.where('id', '=', row.id)
			.where('storage_key', '=', key)
			.executeTakeFirst();
		if (updated.numUpdatedRows === 0n) await to.delete(stored.key);
		else copied += 1;
	}
	return { copied, missing };
}
