import { randomBytes } from 'node:crypto';

/**
 * Where uploaded files live. Every portal process must see every file, so a deployment with
 * several processes keeps them in PostgreSQL (database-storage.ts); the embedded database keeps
 * them on the local disk (local-storage.ts). An object store can implement the same interface.
 * Keys are random (never derived from the upload's name) and are stored by the caller
 * (e.g. checklist_evidence.storage_key).
 */
export interface FileStorage {
	/** Stores the content and returns its new key and size in bytes. */
	put(content: FileContent): Promise<{ key: string; size: number }>;
	/** The file as a stream, or null when there is no such (complete) file. */
	get(key: string): Promise<StoredFile | null>;
	/** Removes the file; a missing file is not an error. */
	delete(key: string): Promise<void>;
}

export type FileContent = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface StoredFile {
	stream: ReadableStream<Uint8Array>;
	size: number;
}

const KEY = /^[a-f0-9]{48}$/;

export function newFileKey(): string {
	return randomBytes(24).toString('hex');
}

export function isFileKey(key: string): boolean {
	return KEY.test(key);
}

/** The content in pieces of exactly `size` bytes (the last one shorter), whatever it arrives in. */
export async function* inChunks(content: FileContent, size: number): AsyncGenerator<Uint8Array> {
	if (content instanceof Uint8Array) {
		for (let at = 0; at < content.length; at += size) yield content.subarray(at, at + size);
		return;
	}
	const source: AsyncIterable<Uint8Array> =
		content instanceof ReadableStream ? readableIterator(content) : content;
	let buffered: Uint8Array[] = [];
	let length = 0;
	for await (const piece of source) {
		buffered.push(piece);
		length += piece.length;
		while (length >= size) {
			const all = Buffer.concat(buffered, length);
			yield all.subarray(0, size);
			buffered = [all.subarray(size)];
			length -= size;
		}
	}
	if (length > 0) yield Buffer.concat(buffered, length);
}

async function* readableIterator(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
	const reader = stream.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			yield value;
		}
	} finally {
		reader.releaseLock();
	}
}
