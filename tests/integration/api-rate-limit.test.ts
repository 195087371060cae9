import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/connect';
import { hitRateLimit } from '../../src/lib/server/api/rate-limit';
import { connectTestDb } from '../helpers/context';

/** API request limits: counted in one statement, so concurrent requests share one count. */
let db: DB;
let close: () => Promise<void>;
beforeAll(() => ({ db, close } = connectTestDb(4)));
afterAll(() => close());

describe('hitRateLimit', () => {
	it('allows exactly the limit of concurrent requests in a window and says when to retry', async () => {
		const key = `test:${Math.random().toString(36).slice(2)}`;
		const decisions = await Promise.all(
			Array.from({ length: 8 }, () => hitRateLimit(db, key, 5, 3600))
		);
		expect(decisions.map((d) => d.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
		for (const d of decisions) {
			expect(d.retryAfter).toBeGreaterThanOrEqual(1);
			expect(d.retryAfter).toBeLessThanOrEqual(3600);
		}
	});

	it('starts a new count in a new window', async () => {
		const key = `test:${Math.random().toString(36).slice(2)}`;
		await hitRateLimit(db, key, 1);
		await db
			.updateTable('api_rate_limits')
			.set({ window_started_at: new Date(Date.now() - 3 * 60_000) })
			.where('key', '=', key)
			.execute();
		const next = await hitRateLimit(db, key, 1);
		expect([next.count, next.allowed]).toEqual([1, true]);
	});
});
