import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { newFormKey, onceByFormKey } from '../../src/lib/server/action/form-key';
import { connectTestDb, principalOf } from '../helpers/context';

/** Idempotent POSTs of one-time values (issue 9, item 10): the same form key, the same answer. */
let db: DB;
let close: () => Promise<void>;
let principal: Principal;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	principal = await principalOf(db, 'quangtrung.admin@demo.example');
});
afterAll(() => close());

describe('onceByFormKey', () => {
	it('runs once per key; a repeat gets the same answer and runs nothing', async () => {
		const key = newFormKey();
		let runs = 0;
		const run = async () => ({ token: `secret-${++runs}`, at: 'x' });
		const first = await onceByFormKey({ db, principal }, 'test', key, run);
		const second = await onceByFormKey({ db, principal }, 'test', key, run);
		expect(first).toEqual({ value: { token: 'secret-1', at: 'x' }, reused: false });
		expect(second).toEqual({ value: { token: 'secret-1', at: 'x' }, reused: true });
		expect(runs).toBe(1);
		// Another key, or the same key for another action: a new run.
		await onceByFormKey({ db, principal }, 'test', newFormKey(), run);
		await onceByFormKey({ db, principal }, 'other', key, run);
		expect(runs).toBe(3);
	});

	it('keeps no readable secret: the stored answer is sealed with the form key', async () => {
		const key = newFormKey();
		await onceByFormKey({ db, principal }, 'test', key, async () => 'trs_visible_secret');
		const rows = await db.selectFrom('form_keys').select(['result']).execute();
		for (const r of rows)
			expect(Buffer.from(r.result ?? []).toString('latin1')).not.toContain('trs_visible_secret');
	});

	it('a failed run leaves no trace, so the form can be sent again', async () => {
		const key = newFormKey();
		await expect(
			onceByFormKey({ db, principal }, 'test', key, async () => {
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const again = await onceByFormKey({ db, principal }, 'test', key, async () => 42);
		expect(again).toEqual({ value: 42, reused: false });
	});

	it('two concurrent sends of one key run it once; the other is told to wait or gets the answer', async () => {
		const key = newFormKey();
		let runs = 0;
		const run = async () => {
			runs += 1;
			await new Promise((r) => setImmediate(r));
			return 'once';
		};
		const results = await Promise.allSettled([
			onceByFormKey({ db, principal }, 'test', key, run),
			onceByFormKey({ db, principal }, 'test', key, run)
		]);
		expect(runs).toBe(1);
		for (const r of results)
			if (r.status === 'rejected')
				expect((r.reason as { code?: string }).code).toBe('form_key_busy');
			else expect(r.value.value).toBe('once');
	});
});
