import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Issue 8, item 9: after `kill -9` the lock of the embedded data directory stays behind; the next
 * start sees that its owner (pid on this host) is dead and starts at once instead of refusing
 * for 15 s.
 */
test.describe.configure({ timeout: 300_000 }); // two starts on a new data directory, on a loaded CI machine

const PORT = Number(process.env.E2E_PORT ?? 4173) + 20; // beside the run's own portal

function startPortal(dataDir: string) {
	let output = '';
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			DATABASE_URL: '',
			DATA_DIR: dataDir,
			SEED_DEMO: '0',
			PORT: String(PORT),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
	new Promise((resolve) =>
		child.exitCode !== null || child.signalCode !== null
			? resolve(null)
			: child.once('exit', resolve)
	);

async function healthy(child: ChildProcess) {
	await expect
		.poll(
			async () => {
				if (child.exitCode !== null) return 'exited';
				try {
					return (await fetch(`http://127.0.0.1:${PORT}/healthz`)).status;
				} catch {
					return 'starting';
				}
			},
			{ timeout: 120_000 }
		)
		.toBe(200);
}

test('the embedded portal starts again at once after kill -9', async () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'trs-kill-'));
	const running: ChildProcess[] = [];
	try {
		const first = startPortal(dataDir);
		running.push(first.child);
		await healthy(first.child);
		first.child.kill('SIGKILL');
		await exited(first.child);

		const second = startPortal(dataDir);
		running.push(second.child);
		await healthy(second.child);
		expect(second.output()).not.toContain('already used by another');
	} finally {
		for (const child of running) {
			child.kill('SIGKILL');
			await exited(child);
		}
		rmSync(dataDir, { recursive: true, force: true });
	}
});
