import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';

/**
 * What every `npm run bench:*` shares: a throwaway database on the PostgreSQL server, the built
 * portal started on it, and a clean end whatever happens (done, failed, Ctrl-C or SIGTERM): the
 * portal is stopped (SIGTERM, then SIGKILL if it has not exited after a grace period) and the
 * database dropped, so no server or database is ever left behind.
 */
export const BENCH_SERVER =
	process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(query: string) {
	const client = new pg.Client({ connectionString: BENCH_SERVER });
	await client.connect();
	try {
		await client.query(query);
	} finally {
		await client.end();
	}
}

export interface BenchDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

export async function createBenchDatabase(prefix = 'trs_bench'): Promise<BenchDatabase> {
	const name = `${prefix}_${Date.now().toString(36)}`;
	await admin(`create database ${name}`);
	const u = new URL(BENCH_SERVER);
	u.pathname = `/${name}`;
	let dropped = false;
	return {
		name,
		url: u.toString(),
		async drop() {
			if (dropped) return;
			dropped = true;
			await admin(`drop database if exists ${name} with (force)`);
			console.log(`database ${name} dropped`);
		}
	};
}

export interface Portal {
	child: ChildProcess;
	base: string;
	stop(): Promise<void>;
}

/** Stops a child: SIGTERM, and SIGKILL after `graceMs` (a process that ignores SIGTERM). */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	const timer = setTimeout(() => {
		console.error(`the portal did not stop within ${graceMs / 1000} s of SIGTERM: killing it`);
		child.kill('SIGKILL');
	}, graceMs);
	await exited;
	clearTimeout(timer);
}

/**
 * Starts `node server.js` on the database (no demo seed, no job worker unless asked: a bench times
 * the jobs itself, never while it measures pages) and waits for /healthz.
 */
export async function startPortal(
	url: string,
	port: number,
	env: Record<string, string> = {}
): Promise<Portal> {
	const base = `http://127.0.0.1:${port}`;
	// BENCH_NODE_ARGS: options for the portal's node, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile it.
	const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, 'server.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			SEED_DEMO: '0',
			JOBS_WORKER: '0',
			LOG_LEVEL: 'warn',
			...env
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const portal = { child, base, stop: () => stopChild(child) };
	for (let i = 0; i < 240; i++) {
		if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode})`);
		const ok = await fetch(`${base}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return portal;
		await new Promise((r) => setTimeout(r, 500));
	}
	await portal.stop();
	throw new Error('the portal did not start');
}

/**
 * Runs the bench with a cleanup that also runs on Ctrl-C and SIGTERM; the process exits by itself
 * (0 when the bench finished, 1 on an error or a signal).
 */
export async function runBench(
	bench: (cleanup: (fn: () => Promise<unknown>) => void) => Promise<void>
): Promise<never> {
	const cleanups: (() => Promise<unknown>)[] = [];
	let cleaning: Promise<void> | undefined;
	const clean = () =>
		(cleaning ??= (async () => {
			for (const fn of cleanups.reverse()) {
				try {
					await fn();
				} catch (err) {
					console.error('cleanup failed:', err);
				}
			}
		})());
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(signal, async () => {
			console.error(`\n${signal}: stopping the portal and dropping the database`);
			await clean();
			process.exit(1);
		});
	let code = 0;
	try {
		await bench((fn) => cleanups.push(fn));
	} catch (err) {
		console.error(err);
		code = 1;
	}
	await clean();
	process.exit(code);
}

/** Signs in through the login form, as a browser without JavaScript; returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({ login: email, password })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} failed (${res.status})`);
	return cookie.split(';')[0];
}
