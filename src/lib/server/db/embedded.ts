import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { keepExtendedQueriesTogether } from './socket-queue';
import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {}

export interface EmbeddedServer {
	url: string;
	stop(): Promise<void>;
}

/**
 * Runs PGlite inside this process behind pglite-socket, so the app talks to it through the
 * same `pg` driver as to a real server. PGlite has no lock of its own: two processes on one
 * data directory would silently lose data, so we hold an exclusive lock file first.
 * `dataDir` null means an in-memory database (tests).
 */
export async function startEmbedded(
	dataDir: string | null,
	maxConnections: number,
	onLockLost: (err: Error) => void = () => {}
): Promise<EmbeddedServer> {
	let release: (() => Promise<void>) | undefined;
	let pgdata: string | undefined;
	if (dataDir) {
		const root = path.resolve(dataDir);
		mkdirSync(root, { recursive: true });
		try {
			release = await lockfile.lock(root, {
				lockfilePath: path.join(root, 'portal.lock'),
				stale: 15_000,
				update: 5_000,
				retries: 0,
				onCompromised: onLockLost
			});
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
				throw new DataDirLockedError(
					`The data directory ${root} is already used by another Trường Số process. ` +
						`Stop that process, or set DATA_DIR to another directory (or DATABASE_URL to a PostgreSQL server).`
				);
			}
			throw err;
		}
		pgdata = path.join(root, 'pgdata');
	}
	const db = await PGlite.create(pgdata ? { dataDir: pgdata } : {});
	const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
	keepExtendedQueriesTogether(server);
	await server.start();
	const port = server.getServerConn().split(':').pop();
	return {
		url: `postgres://postgres:embedded@127.0.0.1:${port}/postgres`,
		async stop() {
			await server.stop();
			await db.close();
			await release?.();
		}
	};
}
