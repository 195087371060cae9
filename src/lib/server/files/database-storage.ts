import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
	inChunks,
	isFileKey,
	newFileKey,
	type FileContent,
	type FileStorage,
	type StoredFile
} from './storage';

/** About 256 KB per row: large enough for few rows, small enough to stream without buffering. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Files in PostgreSQL (tables `files` and `file_chunks`, migration 0092), so that every portal
 * process on the same database serves every file. Chunks are written one statement at a time
 * (no transaction held open while the upload arrives) and the file becomes visible when it is
 * marked complete; downloads read one chunk per pull of the stream.
 */
export class DatabaseFileStorage implements FileStorage {
	constructor(private readonly db: Kysely<Database>) {}

	async put(content: FileContent): Promise<{ key: string; size: number }> {
		const key = newFileKey();
		await this.db.insertInto('files').values({ id: key }).execute();
		let size = 0;
		let seq = 0;
		try {
			for await (const data of inChunks(content, CHUNK_BYTES)) {
				await this.db.insertInto('file_chunks').values({ file_id: key, seq, data }).execute();
				seq += 1;
				size += data.length;
			}
			await this.db
				.updateTable('files')
				.set({ size_bytes: size, complete: true })
				.where('id', '=', key)
				.execute();
		} catch (err) {
			await this.delete(key).catch(() => {});
			throw err;
		}
		return { key, size };
	}

	async get(key: string): Promise<StoredFile | null> {
		if (!isFileKey(key)) return null;
		const file = await this.db
			.selectFrom('files')
			.select('size_bytes')
			.where('id', '=', key)
			.where('complete', '=', true)
			.executeTakeFirst();
		if (!file) return null;
		const db = this.db;
		let next = 0;
		const stream = new ReadableStream<Uint8Array>({
			async pull(controller) {
				const chunk = await db
					.selectFrom('file_chunks')
					.select('data')
					.where('file_id', '=', key)
					.where('seq', '=', next)
					.executeTakeFirst();
				next += 1;
				if (chunk) controller.enqueue(chunk.data);
				else controller.close();
			}
		});
		return { stream, size: file.size_bytes };
	}

	async delete(key: string): Promise<void> {
		if (!isFileKey(key)) return;
		await this.db.deleteFrom('files').where('id', '=', key).execute();
	}
}
