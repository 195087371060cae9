import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'kysely';
import type pg from 'pg';
import { createKysely, createPool } from '../../src/lib/server/db/connect';
import { MAX_PER_CONNECTION, statementName } from '../../src/lib/server/db/prepared';

/**
 * Prepared statements on a PostgreSQL server (db/prepared.ts): a query with parameters is a named
 * statement of its connection; queries without parameters (several statements at once, `begin`)
 * keep the simple protocol; a statement whose result columns changed runs again unnamed; past the
 * per-connection limit, texts run unnamed. The embedded database's connections share one session,
 * so it never prepares (openDatabase turns the option off there).
 */
const onServer = inject('databaseKind') === 'postgres';

describe.skipIf(!onServer)('prepared statements on a PostgreSQL server', () => {
	let pool: pg.Pool;
	let client: pg.PoolClient;
	const table = `prepared_t_${Date.now().toString(36)}`;

	const prepared = async () =>
		(await client.query<{ name: string }>('select name from pg_prepared_statements')).rows.map(
			(r) => r.name
		);

	beforeAll(async () => {
		pool = createPool(inject('databaseUrl'), 2, { preparedStatements: true });
		client = await pool.connect();
		await client.query(`create table ${table} (id int primary key, label text)`);
		await client.query(`insert into ${table} values (1, 'một'), (2, 'hai')`);
	});
	afterAll(async () => {
		await client.query(`drop table if exists ${table}`);
		client.release();
		await pool.end();
	});

	it('names a query with parameters once and runs it again by name', async () => {
		const text = `select label from ${table} where id = $1`;
		for (const id of [1, 2, 1, 2, 1, 2, 1]) {
			const { rows } = await client.query(text, [id]);
			expect(rows).toEqual([{ label: id === 1 ? 'một' : 'hai' }]);
		}
		expect(await prepared()).toContain(statementName(text));
	});

	it('keeps the simple protocol for a query without parameters (several statements at once)', async () => {
		const before = await prepared();
		await client.query(`update ${table} set label = label; select 1`);
		await client.query('begin');
		await client.query('commit');
		expect(await prepared()).toEqual(before);
	});

	it('runs a statement again unnamed when its result columns changed under it', async () => {
		const text = `select * from ${table} where id = $1`;
		expect((await client.query(text, [1])).rows).toEqual([{ id: 1, label: 'một' }]);
		await client.query(`alter table ${table} add column note text default 'ghi chú'`);
		expect((await client.query(text, [1])).rows).toEqual([
			{ id: 1, label: 'một', note: 'ghi chú' }
		]);
		// and keeps answering (unnamed from now on)
		expect((await client.query(text, [2])).rows).toEqual([
			{ id: 2, label: 'hai', note: 'ghi chú' }
		]);
	});

	it('runs a query unnamed when its name already exists or is gone from the session', async () => {
		// as behind something that shares or swaps sessions (a pooler in transaction mode)
		const taken = 'select $1::int * 2 as n';
		await client.query(`prepare ${statementName(taken)} (int) as select $1::int * 2 as n`);
		expect((await client.query(taken, [2])).rows).toEqual([{ n: 4 }]); // 42P05, then unnamed
		expect((await client.query(taken, [3])).rows).toEqual([{ n: 6 }]);
		const gone = 'select $1::int * 3 as n';
		expect((await client.query(gone, [2])).rows).toEqual([{ n: 6 }]);
		await client.query('deallocate all'); // behind pg's back: it still thinks it is prepared
		expect((await client.query(gone, [3])).rows).toEqual([{ n: 9 }]); // 26000, then unnamed
		expect((await client.query(gone, [4])).rows).toEqual([{ n: 12 }]);
	});

	it('runs further texts unnamed past the limit of a connection', async () => {
		const own = await pool.connect();
		try {
			for (let i = 0; i < MAX_PER_CONNECTION + 20; i++) {
				const { rows } = await own.query(`select $1::int + ${i} as n`, [1]);
				expect(rows[0].n).toBe(1 + i);
			}
			const { rows } = await own.query<{ n: number }>(
				'select count(*)::int as n from pg_prepared_statements'
			);
			expect(rows[0].n).toBe(MAX_PER_CONNECTION);
		} finally {
			own.release(true);
		}
	});

	it('answers Kysely as before, in and out of transactions, and reports errors', async () => {
		const db = createKysely(pool);
		const read = (id: number) =>
			sql<{ label: string }>`select label from ${sql.table(table)} where id = ${id}`.execute(db);
		for (let i = 0; i < 7; i++) expect((await read(1)).rows).toEqual([{ label: 'một' }]);
		await db.transaction().execute(async (trx) => {
			await sql`update ${sql.table(table)} set label = ${'ba'} where id = ${2}`.execute(trx);
			expect(
				(
					await sql<{
						label: string;
					}>`select label from ${sql.table(table)} where id = ${2}`.execute(trx)
				).rows
			).toEqual([{ label: 'ba' }]);
		});
		await expect(
			sql`insert into ${sql.table(table)} (id, label) values (${1}, ${'trùng'})`.execute(db)
		).rejects.toThrow(/duplicate key/);
		// the same statement again, after its error
		await expect(
			sql`insert into ${sql.table(table)} (id, label) values (${1}, ${'trùng'})`.execute(db)
		).rejects.toThrow(/duplicate key/);
	});
});
