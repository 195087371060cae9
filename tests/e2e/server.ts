import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createThrowawayDatabase } from '../helpers/database';

/**
 * Runs the built portal for the end-to-end tests on a throwaway database: a fresh database on
 * the PostgreSQL server of DATABASE_URL, or an empty embedded data directory. The portal itself
 * migrates and seeds the demo province at start, as for a newcomer.
 */
const port = process.env.E2E_PORT ?? '4173';
const env: NodeJS.ProcessEnv = {
	...process.env,
	PORT: port,
	HOST: '127.0.0.1',
	ORIGIN: `http://localhost:${port}`,
	SEED_DEMO: '1',
	LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn'
};

let cleanup: () => Promise<void>;
if (process.env.DATABASE_URL) {
	const database = await createThrowawayDatabase('trs_e2e', { seed: false });
	env.DATABASE_URL = database.url;
	cleanup = () => database.drop();
} else {
	const dir = mkdtempSync(path.join(tmpdir(), 'trs-e2e-'));
	env.DATA_DIR = dir;
	env.UPLOAD_DIR = path.join(dir, 'uploads');
	cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const child = spawn(process.execPath, ['server.js'], { env, stdio: 'inherit' });
let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	child.kill('SIGTERM');
	await new Promise((resolve) =>
		child.exitCode === null ? child.once('exit', resolve) : resolve(null)
	);
	await cleanup();
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
	if (!stopping) void cleanup().then(() => process.exit(code ?? 1));
});
