// npm run bench:rollout: the rollout dashboard and API at country scale (50,000 schools) on a
// throwaway PostgreSQL database, next to /healthz on the same server. Needs `npm run build` first.
// Settings: BENCH_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/test),
// BENCH_SCHOOLS (50000), BENCH_AREAS (700), BENCH_REQUESTS (60 per endpoint), BENCH_PORT (4390).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { createKysely, createPool } from '../src/lib/server/db/connect';
import { migrate } from '../src/lib/server/db/migrate';
import { BENCH_PASSWORD, seedBenchUsers, seedCountry } from './bench/seed-country';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 50_000);
const AREAS = Number(process.env.BENCH_AREAS ?? 700);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const PORT = Number(process.env.BENCH_PORT ?? 4390);
const base = `http://127.0.0.1:${PORT}`;

async function admin(query: string) {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(query);
	} finally {
		await client.end();
	}
}

async function startServer(url: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: base,
			SEED_DEMO: '0',
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	for (let i = 0; i < 120; i++) {
		const ok = await fetch(`${base}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return child;
		await new Promise((r) => setTimeout(r, 500));
	}
	child.kill();
	throw new Error('the server did not start');
}

async function signIn(email: string): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({ email, password: BENCH_PASSWORD })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email} failed (${res.status})`);
	return cookie.split(';')[0];
}

const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(name: string, path: string, cookie: string | null) {
	const server: number[] = [];
	const total: number[] = [];
	let bytes = 0;
	for (let i = 0; i < REQUESTS + 5; i++) {
		const t0 = performance.now();
		const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
		const body = await res.arrayBuffer();
		const elapsed = performance.now() - t0;
		if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
		if (i < 5) continue; // warm-up
		const timing = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
		server.push(timing ? Number(timing[1]) : NaN);
		total.push(elapsed);
		bytes = body.byteLength;
	}
	server.sort((a, b) => a - b);
	total.sort((a, b) => a - b);
	return {
		endpoint: name,
		'server median ms': pct(server, 50).toFixed(1),
		'server p95 ms': pct(server, 95).toFixed(1),
		'total median ms': pct(total, 50).toFixed(1),
		'total p95 ms': pct(total, 95).toFixed(1),
		'body kB': (bytes / 1024).toFixed(0)
	};
}

async function main() {
	if (!existsSync('build/index.js')) throw new Error('Build the portal first: npx vite build');
	const name = `trs_bench_${Date.now().toString(36)}`;
	await admin(`create database ${name}`);
	const u = new URL(serverUrl);
	u.pathname = `/${name}`;
	let child: ChildProcess | undefined;
	try {
		console.log(`Seeding ${SCHOOLS} schools into ${name} …`);
		const pool = createPool(u.toString(), 1);
		await migrate(pool);
		const db = createKysely(pool);
		const departmentId = await seedCountry(db, { schools: SCHOOLS, areas: AREAS });
		const users = await seedBenchUsers(db, departmentId);
		await db.destroy();
		child = await startServer(u.toString());
		const dept = await signIn(users.department);
		const area = await signIn(users.area);
		console.log(`\n${REQUESTS} sequential requests per endpoint (after 5 warm-up requests):`);
		const rows = [
			await measure('dashboard /department (department)', '/department', dept),
			await measure('dashboard /department (area official)', '/department', area),
			await measure('dashboard filtered by wave and level', '/department?wave=3&level=THCS', dept),
			await measure('GET /api/v1/rollout/summary', '/api/v1/rollout/summary', dept),
			await measure('GET /api/v1/rollout/schools (500/page)', '/api/v1/rollout/schools', dept),
			await measure('GET /healthz', '/healthz', null)
		];
		console.table(rows);
		const p95 = Number(rows[0]['server p95 ms']);
		console.log(`Target: dashboard p95 < 300 ms: ${p95 < 300 ? 'met' : 'NOT met'} (${p95} ms).`);
	} finally {
		if (child) {
			child.kill('SIGTERM');
			await new Promise((r) => child!.once('exit', r));
		}
		await admin(`drop database if exists ${name} with (force)`);
	}
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
