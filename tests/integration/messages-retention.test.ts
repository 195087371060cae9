import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { LocalFileStorage } from '../../src/lib/server/files/local-storage';
import { purgeExpired, retentionOf, setRetention } from '../../src/lib/server/messages/retention';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/** The nightly retention job, in a rolled-back transaction (the demo rows stay for other tests). */
let db: DB;
let close: () => Promise<void>;
let dir: string;
beforeAll(() => {
	({ db, close } = connectTestDb());
	dir = mkdtempSync(path.join(tmpdir(), 'trs-retention-'));
});
afterAll(async () => {
	await close();
	rmSync(dir, { recursive: true, force: true });
});

describe('message retention', () => {
	it('deletes a school’s conversations, files and notices past its retention, and only those', async () => {
		const files = new LocalFileStorage(dir);
		const school = await schoolIdByName(db, QUANG_TRUNG);
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		await inRolledBackTransaction(db, async (trx) => {
			await setRetention(trx, { principal: admin, requestId: 'retention-test' }, school, {
				days: 60,
				version: 0
			});
			expect(await retentionOf(trx, school)).toMatchObject({ days: 60, isDefault: false });
			const conv = await trx
				.selectFrom('conversations')
				.select(['id'])
				.where('school_id', '=', school)
				.orderBy('id')
				.executeTakeFirstOrThrow();
			const msg = await trx
				.selectFrom('conversation_messages')
				.select('id')
				.where('conversation_id', '=', conv.id)
				.orderBy('id')
				.executeTakeFirstOrThrow();
			const { key, size } = await files.put(new TextEncoder().encode('%PDF-1.4\n'));
			await trx
				.insertInto('message_attachments')
				.values({
					school_id: school,
					message_id: msg.id,
					storage_key: key,
					file_name: 'cu.pdf',
					content_type: 'application/pdf',
					size_bytes: size
				})
				.execute();
			const old = sql<Date>`now() - interval '100 days'`;
			await trx
				.updateTable('conversation_messages')
				.set({ created_at: old as never })
				.where('conversation_id', '=', conv.id)
				.execute();
			await trx
				.updateTable('conversations')
				.set({ last_message_at: old as never })
				.where('id', '=', conv.id)
				.execute();
			const others = await trx
				.selectFrom('conversations')
				.select(sql<number>`count(*)::int`.as('n'))
				.where('id', '<>', conv.id)
				.executeTakeFirstOrThrow();

			const result = await purgeExpired(trx, files);
			expect(result.files).toBe(1);
			expect(result.conversations).toBeGreaterThanOrEqual(1);
			expect(existsSync(path.join(dir, key.slice(0, 2), key))).toBe(false);
			expect(
				await trx.selectFrom('conversations').select('id').where('id', '=', conv.id).execute()
			).toEqual([]);
			const left = await trx
				.selectFrom('conversations')
				.select(sql<number>`count(*)::int`.as('n'))
				.executeTakeFirstOrThrow();
			expect(left.n).toBe(others.n);
		});
	});
});
