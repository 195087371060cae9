import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startEmbedded } from '../../src/lib/server/db/embedded';
import { createKysely, createPool } from '../../src/lib/server/db/connect';

/**
 * The database going away while a connection is checked out (a request's query, a job's lease)
 * must make that work fail, never end the portal process: an 'error' event on a pg client
 * without a listener is thrown as an uncaught exception, which Vitest reports as an error.
 */
describe('losing the database server', () => {
	it('rejects the queries of a checked-out connection and keeps the process alive', async () => {
		const server = await startEmbedded(null, 4);
		const pool = createPool(server.url, 2);
		const db = createKysely(pool);
		try {
			expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
			const held = await pool.connect();
			const ended = new Promise<void>((resolve) => held.once('end', () => resolve()));
			await server.stop();
			await ended;
			await expect(held.query('select 1')).rejects.toThrow();
			held.release(true);
			await expect(sql`select 1`.execute(db)).rejects.toThrow();
		} finally {
			await pool.end().catch(() => {});
		}
	});
});
