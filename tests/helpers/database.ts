import pg from 'pg';
import { createKysely, createPool } from '../../src/lib/server/db/connect';
import { startEmbedded, type EmbeddedServer } from '../../src/lib/server/db/embedded';
import { migrate } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../../src/lib/server/seed';

/**
 * A throwaway database for one test run: a fresh database on the PostgreSQL server named by
 * DATABASE_URL, or an in-memory embedded PGlite when DATABASE_URL is unset. Migrated and seeded
 * with the demo province unless told otherwise (`seed: 'this-year'` leaves out last year's results,
 * for the e2e files that start their own portal and never read them).
 */
export interface ThrowawayDatabase {
	url: string;
	kind: 'postgres' | 'embedded';
	drop(): Promise<void>;
}

export async function createThrowawayDatabase(
	prefix: string,
	options: {
		/** false: migrated only; 'this-year': the demo without last year's results (faster) */
		seed?: boolean | 'this-year';
		migrate?: boolean;
	} = {}
): Promise<ThrowawayDatabase> {
	const serverUrl = process.env.DATABASE_URL;
	let url: string;
	let embedded: EmbeddedServer | undefined;
	let dropDb: (() => Promise<void>) | undefined;
	if (serverUrl) {
		const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		await admin.end();
		const u = new URL(serverUrl);
		u.pathname = `/${name}`;
		url = u.toString();
		dropDb = async () => {
			const c = new pg.Client({ connectionString: serverUrl });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		};
	} else {
		embedded = await startEmbedded(null, 60);
		url = embedded.url;
	}
	const pool = createPool(url, 2);
	if (options.migrate !== false) await migrate(pool);
	if (options.migrate !== false && options.seed !== false) {
		const db = createKysely(pool);
		const lastYear = options.seed !== 'this-year';
		await db.transaction().execute((trx) => seedDemo(trx, { lastYear }));
		await db.destroy();
	} else {
		await pool.end();
	}
	return {
		url,
		kind: serverUrl ? 'postgres' : 'embedded',
		async drop() {
			await embedded?.stop();
			await dropDb?.();
		}
	};
}
