import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { CHUNK_BYTES, DatabaseFileStorage } from '../../src/lib/server/files/database-storage';
import { LocalFileStorage } from '../../src/lib/server/files/local-storage';
import { moveEvidenceFiles } from '../../src/lib/server/files/move-evidence';
import type { FileStorage } from '../../src/lib/server/files/storage';
import { connectTestDb } from '../helpers/context';
import { createTestSchool, giveChecklist } from '../helpers/rollout';

let first: ReturnType<typeof connectTestDb>;
let second: ReturnType<typeof connectTestDb>;
let dir: string;
beforeAll(() => {
	first = connectTestDb(2);
	second = connectTestDb(2);
	dir = mkdtempSync(path.join(tmpdir(), 'trs-files-'));
});
afterAll(async () => {
	await first.close();
	await second.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Deterministic bytes that are not all alike, so a misplaced chunk shows. */
function bytes(length: number, seed = 7): Uint8Array {
	const out = new Uint8Array(length);
	for (let i = 0, x = seed; i < length; i++) out[i] = x = (x * 1103515245 + 12345) & 0xff;
	return out;
}

/** The content as a stream of uneven pieces, as an upload arrives. */
function streamOf(data: Uint8Array, piece = 100_003): ReadableStream<Uint8Array> {
	let at = 0;
	return new ReadableStream({
		pull(controller) {
			if (at >= data.length) return controller.close();
			controller.enqueue(data.slice(at, at + piece));
			at += piece;
		}
	});
}

/** A digest of the streamed bytes (comparing large arrays element by element is slow). */
const read = async (stream: ReadableStream<Uint8Array>) =>
	digest(new Uint8Array(await new Response(stream).arrayBuffer()));
const digest = (data: Uint8Array) =>
	`${data.length}:${createHash('sha256').update(data).digest('hex')}`;

/** How many stored chunks (database) or half-written files (directory) hold this first chunk. */
async function chunksInDatabase(data: Uint8Array): Promise<number> {
	const rows = await first.db
		.selectFrom('file_chunks')
		.select('file_id')
		.where('seq', '=', 0)
		.where('data', '=', data)
		.execute();
	return rows.length;
}
function partFilesInDirectory(): number {
	return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.part')).length;
}

const storages: [string, () => FileStorage, (data: Uint8Array) => Promise<number> | number][] = [
	['in the database', () => new DatabaseFileStorage(first.db), chunksInDatabase],
	['in a local directory', () => new LocalFileStorage(dir), partFilesInDirectory]
];

describe.each(storages)('files stored %s', (_name, make, leftovers) => {
	it('gives back a stored buffer byte for byte, then nothing once deleted', async () => {
		const files = make();
		const data = bytes(1000);
		const { key, size } = await files.put(data);
		expect(key).toMatch(/^[a-f0-9]{48}$/);
		expect(size).toBe(1000);
		const file = await files.get(key);
		expect(file?.size).toBe(1000);
		expect(await read(file!.stream)).toBe(digest(data));
		await files.delete(key);
		expect(await files.get(key)).toBeNull();
		await expect(files.delete(key)).resolves.toBeUndefined();
	});

	it('stores a streamed upload larger than one chunk and streams it back', async () => {
		const files = make();
		const data = bytes(2 * CHUNK_BYTES + 12_345, 11);
		const { key, size } = await files.put(streamOf(data));
		expect(size).toBe(data.length);
		const file = await files.get(key);
		expect(file?.size).toBe(data.length);
		expect(await read(file!.stream)).toBe(digest(data));
		await files.delete(key);
	});

	it('stores an empty file and knows no key it did not give', async () => {
		const files = make();
		const { key, size } = await files.put(new Uint8Array());
		expect(size).toBe(0);
		expect(await read((await files.get(key))!.stream)).toBe(digest(new Uint8Array()));
		await files.delete(key);
		expect(await files.get('0'.repeat(48))).toBeNull();
		expect(await files.get('../../etc/passwd')).toBeNull();
	});

	it('keeps nothing of an upload that fails half-way', async () => {
		const files = make();
		const head = bytes(CHUNK_BYTES, 23);
		const failing = async function* () {
			yield head;
			yield bytes(10);
			throw new Error('connection lost');
		};
		await expect(files.put(failing())).rejects.toThrow('connection lost');
		expect(await leftovers(head)).toBe(0);
	});
});

describe('files stored in the database with two portal processes', () => {
	it('serves a file written through one pool to another, and a delete through either removes it', async () => {
		const writer = new DatabaseFileStorage(first.db);
		const reader = new DatabaseFileStorage(second.db);
		const data = bytes(CHUNK_BYTES + 1, 3);
		const { key } = await writer.put(data);
		const file = await reader.get(key);
		expect(file?.size).toBe(data.length);
		expect(await read(file!.stream)).toBe(digest(data));
		const chunks = await second.db
			.selectFrom('file_chunks')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('file_id', '=', key)
			.executeTakeFirstOrThrow();
		expect(Number(chunks.n)).toBe(2);
		await reader.delete(key);
		expect(await writer.get(key)).toBeNull();
		const left = await first.db
			.selectFrom('file_chunks')
			.select('seq')
			.where('file_id', '=', key)
			.execute();
		expect(left).toEqual([]);
	});

	it('hides a file until its last chunk is written', async () => {
		const db: DB = first.db;
		const writer = new DatabaseFileStorage(db);
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const head = bytes(CHUNK_BYTES, 99);
		const slow = async function* () {
			yield head;
			await gate;
			yield bytes(10);
		};
		const pending = writer.put(slow());
		// Wait until the first chunk is in the database, then look from the other pool.
		let key: string | undefined;
		for (let i = 0; i < 200 && !key; i++) {
			const row = await db
				.selectFrom('file_chunks')
				.select('file_id')
				.where('seq', '=', 0)
				.where('data', '=', head)
				.executeTakeFirst();
			key = row?.file_id;
			if (!key) await new Promise((r) => setTimeout(r, 20));
		}
		expect(key).toBeDefined();
		expect(await new DatabaseFileStorage(second.db).get(key!)).toBeNull();
		release();
		const done = await pending;
		expect(done.key).toBe(key);
		expect((await new DatabaseFileStorage(second.db).get(key!))?.size).toBe(CHUNK_BYTES + 10);
		await writer.delete(key!);
	});
});

describe('evidence files of a portal that kept them on its disk', () => {
	it('are copied into the database once, and their rows point at the copies', async () => {
		const db = first.db;
		const school = await createTestSchool(db);
		const list = await giveChecklist(db, school);
		const local = new LocalFileStorage(dir);
		const data = bytes(5000, 42);
		const old = await local.put(data);
		const evidence = await db
			.insertInto('checklist_evidence')
			.values({
				item_id: list.item('QL.01').id,
				school_id: school.schoolId,
				kind: 'file',
				storage_key: old.key,
				file_name: 'bien-ban.pdf',
				size_bytes: data.length
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const database = new DatabaseFileStorage(db);
		expect((await moveEvidenceFiles(db, local, database)).copied).toBe(1);
		const row = await db
			.selectFrom('checklist_evidence')
			.select('storage_key')
			.where('id', '=', evidence.id)
			.executeTakeFirstOrThrow();
		expect(row.storage_key).not.toBe(old.key);
		expect(await read((await database.get(row.storage_key!))!.stream)).toBe(digest(data));
		expect((await moveEvidenceFiles(db, local, database)).copied).toBe(0);
	});
});
