import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool } from '../../src/lib/server/db/connect';
import { listMigrations, migrate, migrationsDir } from '../../src/lib/server/db/migrate';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/database';

/** Tables, columns, constraints, indexes, functions and triggers: what a migration changes. */
async function schemaFingerprint(pool: pg.Pool): Promise<string> {
	const parts = await Promise.all(
		[
			`select table_name, column_name, data_type, is_nullable, column_default, generation_expression
			from information_schema.columns where table_schema = 'public' order by 1, 2`,
			`select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def
			from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
			`select indexname, indexdef from pg_indexes where schemaname = 'public' order by 1`,
			`select proname, md5(prosrc) from pg_proc where pronamespace = 'public'::regnamespace order by 1`,
			`select tgrelid::regclass::text as t, tgname from pg_trigger where not tgisinternal order by 1, 2`
		].map((q) => pool.query(q))
	);
	return JSON.stringify(parts.map((r) => r.rows));
}

let database: ThrowawayDatabase;
let pool: pg.Pool;
let dir: string;
beforeAll(async () => {
	database = await createThrowawayDatabase('trs_mig', { migrate: false });
	pool = createPool(database.url, 2);
	dir = mkdtempSync(path.join(tmpdir(), 'trs-mig-'));
});
afterAll(async () => {
	await pool.end();
	await database.drop();
	rmSync(dir, { recursive: true, force: true });
});

/** A pool whose tables (and schema_migrations) live in a schema of their own. */
async function poolInSchema(schema: string): Promise<pg.Pool> {
	await pool.query(`create schema ${schema}`);
	const own = createPool(database.url, 2);
	own.on('connect', (client) => void client.query(`set search_path to ${schema}`));
	return own;
}

describe('the migrations of the project', () => {
	it('are every SQL file of migrations/, with unique four-digit numbers in ascending order', () => {
		const files = readdirSync(migrationsDir()).filter((f) => f.endsWith('.sql'));
		const names = listMigrations().map((m) => m.name);
		// A file the migrator would skip (bad name) is a migration that never runs.
		expect(names).toEqual([...files].sort());
		const numbers = names.map((n) => Number(n.slice(0, 4)));
		expect(new Set(numbers).size).toBe(numbers.length);
		expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
	});

	it('all apply, in order, on an empty database', async () => {
		const names = listMigrations().map((m) => m.name);
		expect((await migrate(pool)).applied).toEqual(names);
		const { rows } = await pool.query('select name from public.schema_migrations order by name');
		expect(rows.map((r) => r.name)).toEqual(names);
	});

	it('do nothing when run again: nothing applied, the schema unchanged', async () => {
		const before = await schemaFingerprint(pool);
		expect((await migrate(pool)).applied).toEqual([]);
		expect(await schemaFingerprint(pool)).toBe(before);
	});
});

describe('the migrator', () => {
	it('applies each file once, in order, and refuses a file edited after it was applied', async () => {
		const own = await poolInSchema('mig_once');
		try {
			writeFileSync(path.join(dir, '0002_b.sql'), 'create table b (id int references a(id));');
			writeFileSync(path.join(dir, '0001_a.sql'), 'create table a (id int primary key);');
			expect((await migrate(own, dir)).applied).toEqual(['0001_a.sql', '0002_b.sql']);
			expect((await migrate(own, dir)).applied).toEqual([]);
			writeFileSync(path.join(dir, '0001_a.sql'), 'create table a (id bigint primary key);');
			await expect(migrate(own, dir)).rejects.toThrow(/0001_a.sql was changed/);
		} finally {
			// The embedded database has one session for all connections: leave it as found.
			await own.query('reset search_path');
			await own.end();
		}
	});

	it('rolls back a failing file completely and keeps the files before it', async () => {
		const own = await poolInSchema('mig_fail');
		const failing = mkdtempSync(path.join(tmpdir(), 'trs-mig2-'));
		try {
			writeFileSync(path.join(failing, '0001_ok.sql'), 'create table ok_table (id int);');
			writeFileSync(
				path.join(failing, '0002_bad.sql'),
				'create table half (id int); select no_such_function();'
			);
			await expect(migrate(own, failing)).rejects.toThrow(/0002_bad.sql failed/);
			const { rows } = await pool.query(
				`select to_regclass('mig_fail.half') is not null as half,
					to_regclass('mig_fail.ok_table') is not null as ok`
			);
			expect(rows[0]).toEqual({ half: false, ok: true });
		} finally {
			// The embedded database has one session for all connections: leave it as found.
			await own.query('reset search_path');
			await own.end();
			rmSync(failing, { recursive: true, force: true });
		}
	});
});
