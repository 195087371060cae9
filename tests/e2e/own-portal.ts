import { expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A portal of an e2e file's own (a throwaway database, a port beside the run's), for tests that
 * change what every other test sees or need settings of their own: started with `env` on top of
 * the run's environment, healthy within 3 minutes, stopped with SIGTERM.
 */
export interface OwnPortal {
	base: string;
	stop(): Promise<void>;
}

export async function startOwnPortal(
	port: number,
	databaseUrl: string,
	env: Record<string, string> = {}
): Promise<OwnPortal> {
	const base = `http://localhost:${port}`;
	const child: ChildProcess = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: databaseUrl,
			WEB_CONCURRENCY: '1',
			SEED_DEMO: '0',
			LOG_LEVEL: 'warn',
			// a throwaway embedded database behind a socket shares one session between connections
			...(process.env.DATABASE_URL ? {} : { DB_PREPARED_STATEMENTS: '0' }),
			...env
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const stop = async () => {
		if (child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	};
	await expect
		.poll(
			async () => {
				try {
					return (await fetch(`${base}/healthz`)).status;
				} catch {
					return 0;
				}
			},
			{ timeout: 180_000 }
		)
		.toBe(200);
	return { base, stop };
}
