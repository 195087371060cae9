import type { Generated } from 'kysely';
import type { CreatedAt } from '../schema';

/** Files stored in the database (migration 0092, files/database-storage.ts). */
export interface FilesTable {
	id: string;
	size_bytes: Generated<number>;
	complete: Generated<boolean>;
	created_at: CreatedAt;
}

export interface FileChunksTable {
	file_id: string;
	seq: number;
	data: Uint8Array;
}

export interface FileTables {
	files: FilesTable;
	file_chunks: FileChunksTable;
}
