import { getConfig, uploadDir } from '../config';
import { getAppDatabase } from '../db';
import { DatabaseFileStorage } from './database-storage';
import { LocalFileStorage } from './local-storage';
import type { FileStorage } from './storage';

export type { FileStorage, StoredFile } from './storage';

let current: { db: unknown; storage: FileStorage } | undefined;

/**
 * The app's file storage: PostgreSQL when the portal runs on a database server (several
 * processes may serve the same database), UPLOAD_DIR for the embedded database (one process).
 */
export function getFileStorage(): FileStorage {
	const database = getAppDatabase();
	if (current?.db !== database.db) {
		const storage =
			database.kind === 'postgres'
				? new DatabaseFileStorage(database.db)
				: new LocalFileStorage(uploadDir(getConfig()));
		current = { db: database.db, storage };
	}
	return current.storage;
}
