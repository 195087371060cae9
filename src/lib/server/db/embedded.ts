import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { keepExtendedQueriesTogether } from './socket-queue';
import { lockDataDir } from './data-dir-lock';

export { DataDirLockedError } from './data-dir-lock';

export interface EmbeddedServer {
	url: string;
	stop(): Promise<void>;
}

/**
 * Runs PGlite inside this process behind pglite-socket, so the app talks to it through the
 * same `pg` driver as to a real server. PGlite has no lock of its own: two processes on one
 * data directory would silently lose data, so we hold an exclusive lock file first (data-dir-lock.ts).
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
		release = await lockDataDir(root, onLockLost);
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
