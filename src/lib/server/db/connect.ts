import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { countQuery } from './query-stats';
import { prepareStatements } from './prepared';

// int8 (counts, bigint ids) as numbers: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// `date` stays a 'YYYY-MM-DD' string: a calendar day has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DB = Kysely<Database>;

export function createPool(
	connectionString: string,
	max: number,
	options: { preparedStatements?: boolean } = {}
): pg.Pool {
	const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
	// A client losing its connection must not crash the process. pg-pool listens for errors only
	// on idle clients; a checked-out client (a request's query, a job's lease) whose server goes
	// away emits 'error' with no listener, which would end the process. Its queries still reject,
	// so callers see the failure (the health check answers 503).
	pool.on('error', () => {});
	pool.on('connect', (client) => {
		client.on('error', () => {});
		if (options.preparedStatements) prepareStatements(client);
	});
	return pool;
}

export function createKysely(pool: pg.Pool): DB {
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: countQuery });
}
