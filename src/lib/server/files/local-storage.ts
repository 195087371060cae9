import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
	inChunks,
	isFileKey,
	newFileKey,
	type FileContent,
	type FileStorage,
	type StoredFile
} from './storage';

/**
 * Files under one directory of this machine, as `<dir>/<2 hex>/<48 hex>`: for the embedded
 * database, where only one process runs. A file appears under its name only once fully written.
 */
export class LocalFileStorage implements FileStorage {
	constructor(readonly dir: string) {}

	path(key: string): string {
		if (!isFileKey(key)) throw new Error('bad storage key');
		return path.join(path.resolve(this.dir), key.slice(0, 2), key);
	}

	async put(content: FileContent): Promise<{ key: string; size: number }> {
		const key = newFileKey();
		const target = this.path(key);
		await mkdir(path.dirname(target), { recursive: true });
		let size = 0;
		// The file is opened (and so exists) before the first byte is read, and closed before
		// a failed upload removes it: with a stream's lazy open, the removal could come first
		// and leave a half-written `.part` behind.
		const part = `${target}.part`;
		const handle = await open(part, 'wx');
		try {
			try {
				for await (const chunk of inChunks(content, 256 * 1024)) {
					size += chunk.length;
					for (let at = 0; at < chunk.length;) {
						at += (await handle.write(chunk, at)).bytesWritten;
					}
				}
			} finally {
				await handle.close();
			}
			await rename(part, target);
		} catch (err) {
			await rm(part, { force: true });
			throw err;
		}
		return { key, size };
	}

	async get(key: string): Promise<StoredFile | null> {
		if (!isFileKey(key)) return null;
		const file = this.path(key);
		const info = await stat(file).catch(() => null);
		if (!info?.isFile()) return null;
		return {
			stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
			size: info.size
		};
	}

	async delete(key: string): Promise<void> {
		if (!isFileKey(key)) return;
		await rm(this.path(key), { force: true });
	}
}
