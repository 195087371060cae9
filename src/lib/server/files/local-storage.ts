import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
		const counted = async function* () {
			for await (const chunk of inChunks(content, 256 * 1024)) {
				size += chunk.length;
				yield chunk;
			}
		};
		try {
			await pipeline(
				Readable.from(counted()),
				createWriteStream(`${target}.part`, { flags: 'wx' })
			);
			await rename(`${target}.part`, target);
		} catch (err) {
			await rm(`${target}.part`, { force: true });
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
