import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

export interface MigrationResult {
	applied: string[];
	total: number;
}

const LOCK_ID = 727_274_001;

export function migrationsDir(): string {
	return path.resolve(process.env.MIGRATIONS_DIR ?? 'migrations');
}

export function listMigrations(dir = migrationsDir()): { name: string; sql: string }[] {
	return readdirSync(dir)
		.filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
		.sort()
		.map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }));
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Applies the SQL files of `migrations/` in order, each in its own transaction, under an advisory
 * lock so that two processes starting at once do not race. A migration that was edited after it
 * was applied stops start-up: migrations are never edited once they land.
 */
export async function migrate(pool: pg.Pool, dir = migrationsDir()): Promise<MigrationResult> {
	const files = listMigrations(dir);
	const client = await pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [LOCK_ID]);
		await client.query(`create table if not exists schema_migrations (
			name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
		const { rows } = await client.query<{ name: string; checksum: string }>(
			'select name, checksum from schema_migrations'
		);
		const done = new Map(rows.map((r) => [r.name, r.checksum]));
		const applied: string[] = [];
		for (const file of files) {
			const sum = checksum(file.sql);
			const previous = done.get(file.name);
			if (previous) {
				if (previous !== sum) {
					throw new Error(`Migration ${file.name} was changed after it was applied.`);
				}
				continue;
			}
			await client.query('begin');
			try {
				await client.query(file.sql);
				await client.query('insert into schema_migrations (name, checksum) values ($1, $2)', [
					file.name,
					sum
				]);
				await client.query('commit');
			} catch (err) {
				await client.query('rollback');
				throw new Error(`Migration ${file.name} failed: ${(err as Error).message}`, {
					cause: err
				});
			}
			applied.push(file.name);
		}
		return { applied, total: files.length };
	} finally {
		await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => {});
		client.release();
	}
}
