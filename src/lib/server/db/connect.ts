import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

// int8 (counts, bigint ids) as numbers: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// `date` stays a 'YYYY-MM-DD' string: a calendar day has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DB = Kysely<Database>;

export function createPool(connectionString: string, max: number): pg.Pool {
	const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
	// An idle client losing its connection must not crash the process.
	pool.on('error', () => {});
	return pool;
}

export function createKysely(pool: pg.Pool): DB {
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
