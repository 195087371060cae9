import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { createKysely, createPool, type DB } from '../../src/lib/server/db/connect';
import { hashApiToken } from '../../src/lib/server/usage/tokens';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/database';
import { PASSWORD } from './helpers';

/**
 * A province that outgrew one process: two portal processes behind a load balancer on one
 * PostgreSQL database. Sessions, sign-in limits, API request limits and the daily job are the
 * database's, so they hold across both. Each process is started here (ports 4191 and 4192) on a
 * throwaway database, and both are stopped and the database dropped at the end.
 */
test.skip(
	!process.env.DATABASE_URL,
	'needs DATABASE_URL: several portal processes share one PostgreSQL server (the embedded database belongs to one process)'
);
// Generous: seeding and two start-ups on a busy CI machine.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

const PORTS = [18, 19].map((n) => Number(process.env.E2E_PORT ?? 4173) + n);
const base = (port: number) => `http://localhost:${port}`;
const [A, B] = PORTS.map(base);
const RATE_LIMIT = 4;

let database: ThrowawayDatabase;
let db: DB;
const portals: ChildProcess[] = [];
let ctx: APIRequestContext;

function startPortal(port: number) {
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base(port),
			DATABASE_URL: database.url,
			SEED_DEMO: '0',
			JOBS_POLL_MS: '200',
			USAGE_API_RATE_PER_MINUTE: String(RATE_LIMIT),
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	portals.push(child);
}

async function waitForHealth(url: string) {
	await expect
		.poll(
			async () => {
				try {
					return (await fetch(`${url}/healthz`)).status;
				} catch {
					return 0;
				}
			},
			{ timeout: 180_000 }
		)
		.toBe(200);
}

test.beforeAll(async () => {
	database = await createThrowawayDatabase('trs_multi', { seed: 'this-year' });
	db = createKysely(createPool(database.url, 2));
	for (const port of PORTS) startPortal(port);
	await Promise.all([A, B].map(waitForHealth));
	ctx = await request.newContext();
});

test.afterAll(async () => {
	await ctx?.dispose();
	await Promise.all(
		portals.map(
			(child) =>
				new Promise((resolve) => {
					if (child.exitCode !== null) return resolve(null);
					child.once('exit', resolve);
					child.kill('SIGTERM');
				})
		)
	);
	await db?.destroy();
	await database?.drop();
});

function signIn(url: string, email: string, password: string, via = ctx) {
	return via.post(`${url}/login`, {
		form: { login: email, password },
		headers: { accept: 'text/html', origin: url },
		maxRedirects: 0
	});
}

test('a session made on one process works on the other', async () => {
	expect((await signIn(A, 'so@demo.example', PASSWORD)).status()).toBe(303);
	const page = await ctx.get(`${B}/department/jobs`, { maxRedirects: 0 });
	expect(page.status()).toBe(200);
	expect(await page.text()).toContain('Tính lại mức độ sử dụng hằng ngày');
});

test('wrong passwords split across both processes lock the account on both', async () => {
	const email = 'quangtrung.gv@demo.example';
	const anonymous = await request.newContext();
	for (let i = 0; i < 5; i++) {
		const res = await signIn(i % 2 ? B : A, email, 'wrong-password', anonymous);
		expect(res.status()).not.toBe(303);
	}
	for (const url of [A, B]) {
		const res = await signIn(url, email, PASSWORD, anonymous);
		expect(res.status()).toBe(429);
	}
	await anonymous.dispose();
});

test('the daily adoption recompute runs once, not once per process', async () => {
	const jobs = () =>
		db
			.selectFrom('jobs')
			.select(['id', 'key', 'status', 'run_at'])
			.where('kind', '=', 'usage.recompute')
			.orderBy('id')
			.execute();
	// At start both processes see it never ran: one catch-up run, and one queued next slot.
	await expect
		.poll(async () => (await jobs()).map((j) => [j.key?.split(':')[0], j.status]), {
			timeout: 90_000
		})
		.toEqual([
			['catchup', 'succeeded'],
			[expect.any(String), 'queued']
		]);
	const [, next] = await jobs();
	expect(next.key).toBe(next.run_at.toISOString());

	// A slot that is due now (as at 00:05): both workers poll every 200 ms, one runs it.
	const { id } = await db
		.insertInto('jobs')
		.values({ kind: 'usage.recompute', key: 'test-slot', payload: '{}' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const job = () =>
		db.selectFrom('jobs').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
	await expect.poll(async () => (await job()).status, { timeout: 90_000 }).toBe('succeeded');
	const runs = await db.selectFrom('job_runs').selectAll().where('job_id', '=', id).execute();
	expect(runs.map((r) => r.outcome)).toEqual(['succeeded']);
	const { rows } = await sql<{ n: number }>`
		select count(*)::int as n from job_runs r join jobs j on j.id = r.job_id
		where j.kind = 'usage.recompute'`.execute(db);
	expect(rows[0].n).toBe(2);
});

test('an API token’s request limit counts across both processes', async () => {
	const token = 'trs_multiprocesstesttoken0000000';
	const school = await db
		.selectFrom('schools')
		.select('id')
		.where('name', '=', 'Trường THCS Quang Trung')
		.executeTakeFirstOrThrow();
	const user = await db
		.selectFrom('users')
		.select('id')
		.where('email', '=', 'so@demo.example')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('usage_api_tokens')
		.values({
			name: 'two processes',
			token_hash: hashApiToken(token),
			token_prefix: token.slice(0, 10),
			school_id: school.id,
			department_id: null,
			platform_id: null,
			created_by: user.id
		})
		.execute();
	// Fixed one-minute windows: start well inside one, so that all requests count in the same.
	const second = new Date().getUTCSeconds();
	if (second > 50) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
	const post = (url: string) =>
		fetch(`${url}/api/v1/usage-events`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ events: [] })
		});
	for (let i = 0; i < RATE_LIMIT; i++) expect((await post(i % 2 ? B : A)).status).not.toBe(429);
	const limited = await post(A);
	expect(limited.status).toBe(429);
	expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	expect(await limited.json()).toEqual({ error: 'rate_limited' });
	expect((await post(B)).status).toBe(429);
});
