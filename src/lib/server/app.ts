import cluster from 'node:cluster';
import { ConfigError, getConfig, type Config } from './config';
import { getAppDatabase, migrateDatabase, openDatabase, setAppDatabase } from './db';
import { DataDirLockedError } from './db/embedded';
import { logger } from './logger';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from './seed';
import { JOB_HANDLERS, JOB_SCHEDULES } from './jobs/registry';
import { startWorker } from './jobs/worker';
import { closeMailTransport } from './messages/outbox';

/**
 * Start-up, run once per process from the `init` hook: validate the configuration, open the
 * database (embedded or server), apply migrations, seed the demo province on an empty database.
 * Any failure stops the process with a clear message rather than serving a broken portal.
 */
const started = Symbol.for('truong-so.started');
type Global = typeof globalThis & { [started]?: Promise<void> };

export function startApp(): Promise<void> {
	const g = globalThis as Global;
	g[started] ??= boot().catch((err) => {
		const message =
			err instanceof ConfigError || err instanceof DataDirLockedError
				? err.message
				: `Start-up failed: ${(err as Error).stack ?? err}`;
		logger.fatal({ err: String(err) }, 'start-up failed');
		console.error(`\n${message}\n`);
		process.exit(1);
	});
	return g[started];
}

async function boot(): Promise<void> {
	const config: Config = getConfig();
	const handle = await openDatabase(config, {
		onLockLost: (err) => {
			logger.fatal({ err: err.message }, 'lost the lock on the data directory; stopping');
			process.exit(1);
		}
	});
	const migrations = await migrateDatabase(handle);
	logger.info({ database: handle.kind, ...migrations }, 'database ready');
	setAppDatabase(handle);

	const seed = config.SEED_DEMO ?? handle.kind === 'embedded';
	if (seed && (await seedDemoIfEmpty(handle.db))) {
		printDemoLogins();
	}
	// Scheduled and long jobs (the daily adoption recompute): every process polls the jobs table.
	const worker = config.JOBS_WORKER
		? startWorker(handle.db, {
				handlers: JOB_HANDLERS,
				schedules: JOB_SCHEDULES,
				pollMs: config.JOBS_POLL_MS
			})
		: undefined;
	process.once('sveltekit:shutdown', async (reason) => {
		logger.info({ reason }, 'shutting down');
		await worker?.stop();
		closeMailTransport();
		await getAppDatabase().close();
		// A worker of server.js's cluster is done now; without this a closing database socket kept
		// it alive for another 10-15 s after its work had ended.
		if (cluster.isWorker) process.exit(0);
	});
}

export function printDemoLogins() {
	const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(40)} ${a.description}`);
	console.log(
		`\nTrường Số: demo province seeded. Demo logins (password "${DEMO_PASSWORD}"):\n${lines.join('\n')}\n`
	);
}
