import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/lib/server/db/connect';
import { startEmbedded, type EmbeddedServer } from '../../src/lib/server/db/embedded';
import { listMigrations, migrate } from '../../src/lib/server/db/migrate';

let server: EmbeddedServer;
let dir: string;
beforeAll(async () => {
	server = await startEmbedded(null, 8);
	dir = mkdtempSync(path.join(tmpdir(), 'trs-mig-'));
});
afterAll(async () => {
	await server.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
	it('are numbered, one concern per file, in order', () => {
		const names = listMigrations().map((m) => m.name);
		expect(names.length).toBeGreaterThan(0);
		expect([...names].sort()).toEqual(names);
		expect(new Set(names.map((n) => n.slice(0, 4))).size).toBe(names.length);
	});

	it('apply once, in order, and refuse a migration edited after it was applied', async () => {
		const pool = createPool(server.url, 2);
		try {
			writeFileSync(path.join(dir, '0001_a.sql'), 'create table a (id int primary key);');
			writeFileSync(path.join(dir, '0002_b.sql'), 'create table b (id int references a(id));');
			expect((await migrate(pool, dir)).applied).toEqual(['0001_a.sql', '0002_b.sql']);
			expect((await migrate(pool, dir)).applied).toEqual([]);
			writeFileSync(path.join(dir, '0001_a.sql'), 'create table a (id bigint primary key);');
			await expect(migrate(pool, dir)).rejects.toThrow(/0001_a.sql was changed/);
		} finally {
			await pool.end();
		}
	});

	it('roll back a failing migration completely', async () => {
		const pool = createPool(server.url, 2);
		const failing = mkdtempSync(path.join(tmpdir(), 'trs-mig2-'));
		try {
			writeFileSync(path.join(failing, '0001_ok.sql'), 'create table ok_table (id int);');
			writeFileSync(
				path.join(failing, '0002_bad.sql'),
				'create table half (id int); select no_such_function();'
			);
			await expect(migrate(pool, failing)).rejects.toThrow(/0002_bad.sql failed/);
			const { rows } = await pool.query(
				"select to_regclass('half') as t, to_regclass('ok_table') as ok"
			);
			expect(rows[0]).toEqual({ t: null, ok: 'ok_table' });
		} finally {
			await pool.end();
			rmSync(failing, { recursive: true, force: true });
		}
	});
});
