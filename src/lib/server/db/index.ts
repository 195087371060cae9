import type pg from 'pg';
import type { Config } from '../config';
import { createKysely, createPool, type DB } from './connect';
import { startEmbedded, type EmbeddedServer } from './embedded';
import { migrate, type MigrationResult } from './migrate';

export type { DB } from './connect';
export type DatabaseKind = 'embedded' | 'postgres';

export interface DatabaseHandle {
	db: DB;
	pool: pg.Pool;
	kind: DatabaseKind;
	close(): Promise<void>;
}

/**
 * Opens the database named by the configuration: a PostgreSQL server when DATABASE_URL is set,
 * otherwise the embedded PGlite in DATA_DIR. Both are reached through the same pg.Pool + Kysely.
 */
export async function openDatabase(
	config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DB_POOL_MAX'> &
		Partial<Pick<Config, 'DB_PREPARED_STATEMENTS'>>,
	options: { inMemory?: boolean; onLockLost?: (err: Error) => void } = {}
): Promise<DatabaseHandle> {
	let embedded: EmbeddedServer | undefined;
	let url = config.DATABASE_URL;
	// PGlite runs one query at a time: a small pool is enough and keeps memory low.
	let max = config.DB_POOL_MAX;
	if (!url) {
		max = Math.min(max, 4);
		embedded = await startEmbedded(
			options.inMemory ? null : config.DATA_DIR,
			max + 2,
			options.onLockLost
		);
		url = embedded.url;
	}
	// prepared statements only on a server: the embedded database's connections share one session
	const pool = createPool(url, max, {
		preparedStatements: !embedded && (config.DB_PREPARED_STATEMENTS ?? true)
	});
	const db = createKysely(pool);
	return {
		db,
		pool,
		kind: embedded ? 'embedded' : 'postgres',
		async close() {
			await db.destroy();
			await embedded?.stop();
		}
	};
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<MigrationResult> {
	return migrate(handle.pool);
}

let current: DatabaseHandle | undefined;

/** The app's database, set once at start-up (hooks.server.ts `init`). */
export function setAppDatabase(handle: DatabaseHandle | undefined) {
	current = handle;
}

export function getAppDatabase(): DatabaseHandle {
	if (!current) throw new Error('Database is not initialised');
	return current;
}

export function getDb(): DB {
	return getAppDatabase().db;
}
