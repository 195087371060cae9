import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbedded } from '../../src/lib/server/db/embedded';

/**
 * The portal process itself, as an operator runs it: start-up checks, the data-directory lock,
 * the health check and a quick shutdown. Each test starts its own `node server.js`.
 */
// 4500–4599: clear of the machine's services (4369 is Erlang's epmd beside RabbitMQ) and the benches
let nextPort = 4500 + Math.floor(Math.random() * 50) * 2;

function startPortal(env: NodeJS.ProcessEnv) {
	const port = nextPort++;
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			DATABASE_URL: '',
			PORT: String(port),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'warn',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	return { child, port, output: () => output };
}

async function waitForHealth(port: number, timeoutMs = 60_000) {
	const start = Date.now();
	while (Date.now() - start < timeoutMs) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok) return res;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`portal on ${port} did not become healthy`);
}

function exited(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) =>
		child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))
	);
}

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test('a bad configuration value stops start-up with a message naming the variable', async () => {
	const portal = startPortal({ PORT: 'abc' });
	expect(await exited(portal.child)).not.toBe(0);
	expect(portal.output()).toContain('PORT');
});

test('a second process on the same data directory stops at once; SIGTERM ends the first within 2 s', async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'trs-lock-'));
	try {
		const first = startPortal({ DATA_DIR: dataDir, SEED_DEMO: '0' });
		const health = await (await waitForHealth(first.port)).json();
		expect(health).toEqual({ status: 'ok', database: 'embedded' });

		const second = startPortal({ DATA_DIR: dataDir, SEED_DEMO: '0' });
		expect(await exited(second.child)).toBe(1);
		expect(second.output()).toContain('already used by another Trường Số process');

		const stopAt = Date.now();
		first.child.kill('SIGTERM');
		await exited(first.child);
		expect(Date.now() - stopAt).toBeLessThan(2000);
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
});

test('the health check answers 503 when the database is unreachable', async () => {
	// A separate database server that the test can take away from the running portal.
	const server = await startEmbedded(null, 10);
	const portal = startPortal({
		DATABASE_URL: server.url,
		SEED_DEMO: '0',
		DB_PREPARED_STATEMENTS: '0' // the embedded server's connections share one session
	});
	try {
		expect(await (await waitForHealth(portal.port)).json()).toEqual({
			status: 'ok',
			database: 'postgres'
		});
		await server.stop();
		// The portal must survive losing its database (it once crashed here: a checked-out pg
		// client's 'error' had no listener). A kept-alive connection of the health checks above
		// may be closed by the server just as it is reused, so a network error is retried while
		// the process is alive.
		let res: Response | undefined;
		for (let attempt = 0; !res && attempt < 3; attempt++) {
			expect(portal.child.exitCode, portal.output()).toBeNull();
			res = await fetch(`http://127.0.0.1:${portal.port}/healthz`).catch(() => undefined);
		}
		expect(res, portal.output()).toBeDefined();
		expect(portal.child.exitCode, portal.output()).toBeNull();
		res = res!;
		expect(res.status).toBe(503);
		expect(await res.json()).toEqual({ status: 'unavailable', database: 'postgres' });
	} finally {
		portal.child.kill('SIGKILL');
		await exited(portal.child);
	}
});
