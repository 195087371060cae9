import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/connect';
import { claimJob, enqueueJob, finishJob, requestCancel } from '../../src/lib/server/jobs/queue';
import { nextVietnamTime } from '../../src/lib/dates';
import { catchUpIfStale, scheduleNext } from '../../src/lib/server/jobs/schedule';
import type { JobHandler, Schedule } from '../../src/lib/server/jobs/types';
import { runNextJob, startWorker } from '../../src/lib/server/jobs/worker';
import { connectTestDb } from '../helpers/context';

/**
 * The job queue on both databases. Each test uses job kinds of its own, so that test files running
 * in parallel on one database never see each other's jobs.
 */
let db: DB;
let other: DB;
const closers: (() => Promise<void>)[] = [];

beforeAll(() => {
	const a = connectTestDb(3);
	const b = connectTestDb(3);
	db = a.db;
	other = b.db;
	closers.push(a.close, b.close);
});
afterAll(async () => {
	for (const close of closers) await close();
});

const uniqueKind = (name: string) => `test.${name}.${Math.random().toString(36).slice(2, 10)}`;

function jobsOf(kind: string) {
	return db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();
}

function runsOf(jobId: number) {
	return db.selectFrom('job_runs').selectAll().where('job_id', '=', jobId).orderBy('id').execute();
}

/** Makes a waiting job due now, as if its retry delay had passed. */
async function makeDue(jobId: number) {
	await db
		.updateTable('jobs')
		.set({ run_at: sql`now()` })
		.where('id', '=', jobId)
		.execute();
}

describe('enqueueJob', () => {
	it('stores no job when the caller’s transaction rolls back, and one when it commits', async () => {
		const kind = uniqueKind('enqueue');
		await expect(
			db.transaction().execute(async (trx) => {
				await enqueueJob(trx, { kind, payload: { n: 1 } });
				throw new Error('roll back');
			})
		).rejects.toThrow('roll back');
		expect(await jobsOf(kind)).toHaveLength(0);

		await db.transaction().execute((trx) => enqueueJob(trx, { kind, payload: { n: 2 } }));
		const jobs = await jobsOf(kind);
		expect(jobs.map((j) => [j.status, j.payload])).toEqual([['queued', { n: 2 }]]);
	});

	it('ignores a second job with the same kind and key', async () => {
		const kind = uniqueKind('key');
		const first = await enqueueJob(db, { kind, key: 'k1' });
		const second = await enqueueJob(db, { kind, key: 'k1' });
		expect(first).toBeTypeOf('number');
		expect(second).toBeNull();
		expect(await jobsOf(kind)).toHaveLength(1);
	});
});

describe('workers', () => {
	it('runs each job once when two workers claim concurrently', async () => {
		const kind = uniqueKind('concurrent');
		for (let i = 0; i < 12; i++) await enqueueJob(db, { kind, payload: { i } });
		const ran: number[] = [];
		const handler: JobHandler<{ i: number }> = {
			kind,
			async run(ctx) {
				ran.push(ctx.job.payload.i);
				await new Promise((r) => setTimeout(r, 5));
			}
		};
		const drain = async (conn: DB, workerId: string) => {
			while (await runNextJob(conn, [handler as JobHandler<never>], { workerId }));
		};
		await Promise.all([drain(db, 'worker-a'), drain(other, 'worker-b')]);
		expect([...ran].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
		const jobs = await jobsOf(kind);
		expect(jobs.every((j) => j.status === 'succeeded' && j.attempts === 1)).toBe(true);
		const runs = await db
			.selectFrom('job_runs')
			.select(['job_id', 'outcome'])
			.where(
				'job_id',
				'in',
				jobs.map((j) => j.id)
			)
			.execute();
		expect(runs).toHaveLength(12);
		expect(new Set(runs.map((r) => r.job_id)).size).toBe(12);
	});

	it('retries a failing handler after its backoff, then marks the job dead with the error', async () => {
		const kind = uniqueKind('failing');
		const id = (await enqueueJob(db, { kind, maxAttempts: 3 }))!;
		const handler: JobHandler = {
			kind,
			retryDelayMs: (attempt) => attempt * 60_000,
			async run() {
				throw new Error('platform unreachable');
			}
		};
		const opts = { workerId: 'worker-fail' };
		expect((await runNextJob(db, [handler], opts))?.id).toBe(id);
		let [job] = await jobsOf(kind);
		expect(job.status).toBe('failed');
		expect(job.last_error).toBe('platform unreachable');
		const { rows } = await sql<{ wait: number }>`
			select extract(epoch from run_at - now()) as wait from jobs where id = ${id}`.execute(db);
		expect(Number(rows[0].wait)).toBeGreaterThan(30);
		// Not due before its backoff has passed.
		expect(await runNextJob(db, [handler], opts)).toBeNull();

		await makeDue(id);
		await runNextJob(db, [handler], opts);
		await makeDue(id);
		await runNextJob(db, [handler], opts);
		[job] = await jobsOf(kind);
		expect(job.status).toBe('dead');
		expect(job.attempts).toBe(3);
		expect(job.finished_at).not.toBeNull();
		await makeDue(id);
		expect(await runNextJob(db, [handler], opts)).toBeNull();
		const runs = await runsOf(id);
		expect(runs.map((r) => [r.attempt, r.outcome, r.error])).toEqual([
			[1, 'failed', 'platform unreachable'],
			[2, 'failed', 'platform unreachable'],
			[3, 'failed', 'platform unreachable']
		]);
	});

	it('reclaims a job whose lease expired (its process died) and ignores the late finish', async () => {
		const kind = uniqueKind('lease');
		const id = (await enqueueJob(db, { kind }))!;
		const crashed = await claimJob(db, [kind], 'worker-crashed', 60_000);
		expect(crashed?.id).toBe(id);
		// Within the lease nobody else takes it.
		const handler: JobHandler = { kind, run: async () => ({ done: true }) };
		expect(await runNextJob(other, [handler], { workerId: 'worker-b' })).toBeNull();

		await db
			.updateTable('jobs')
			.set({ locked_until: sql`now() - interval '1 second'` })
			.where('id', '=', id)
			.execute();
		expect((await runNextJob(other, [handler], { workerId: 'worker-b' }))?.id).toBe(id);
		expect(
			await finishJob(db, crashed!, 'worker-crashed', { outcome: 'succeeded', result: 1 })
		).toBeNull();

		const [job] = await jobsOf(kind);
		expect([job.status, job.attempts, job.result]).toEqual(['succeeded', 2, { done: true }]);
		const runs = await runsOf(id);
		expect(runs.map((r) => [r.worker, r.outcome])).toEqual([
			['worker-crashed', 'lease_expired'],
			['worker-b', 'succeeded']
		]);
	});

	it('stores progress and stops a running job when cancelling is asked for', async () => {
		const kind = uniqueKind('cancel');
		const id = (await enqueueJob(db, { kind }))!;
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		let started!: () => void;
		const isStarted = new Promise<void>((r) => (started = r));
		let aborted = false;
		const handler: JobHandler = {
			kind,
			async run(ctx) {
				for (let step = 1; step <= 3; step++) {
					await ctx.progress({ step, of: 3 });
					if (step === 1) {
						started();
						await gate;
					}
					if (await ctx.cancelled()) {
						aborted = ctx.signal.aborted;
						return { stoppedAt: step };
					}
				}
				return { stoppedAt: null };
			}
		};
		const running = runNextJob(db, [handler], { workerId: 'worker-c' });
		await isStarted;
		const [during] = await jobsOf(kind);
		expect([during.status, during.progress]).toEqual(['running', { step: 1, of: 3 }]);
		await requestCancel(other, id);
		release();
		await running;
		const [job] = await jobsOf(kind);
		expect([job.status, job.progress]).toEqual(['cancelled', { step: 1, of: 3 }]);
		expect(aborted).toBe(true);
		expect((await runsOf(id)).map((r) => r.outcome)).toEqual(['cancelled']);
	});

	it('cancels a waiting job without running it', async () => {
		const kind = uniqueKind('cancel-waiting');
		const id = (await enqueueJob(db, { kind }))!;
		await requestCancel(db, id);
		let ran = false;
		const handler: JobHandler = { kind, run: async () => (ran = true) };
		expect(await runNextJob(db, [handler], { workerId: 'worker-d' })).toBeNull();
		expect(ran).toBe(false);
		expect((await jobsOf(kind))[0].status).toBe('cancelled');
	});

	it('runs due jobs in a worker loop that stops cleanly', async () => {
		const kind = uniqueKind('loop');
		const done: number[] = [];
		const handler: JobHandler<{ n: number }> = {
			kind,
			run: async (ctx) => void done.push(ctx.job.payload.n)
		};
		await enqueueJob(db, { kind, payload: { n: 1 } });
		const worker = startWorker(db, { handlers: [handler as JobHandler<never>], pollMs: 50 });
		await expect.poll(() => done.length, { timeout: 10_000 }).toBe(1);
		await enqueueJob(db, { kind, payload: { n: 2 } });
		await expect.poll(() => done.length, { timeout: 10_000 }).toBe(2);
		await worker.stop();
		await enqueueJob(db, { kind, payload: { n: 3 } });
		expect((await jobsOf(kind)).map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'queued']);
	});
});

describe('schedules', () => {
	const daily = (kind: string): Schedule => ({
		kind,
		next: (after) => nextVietnamTime(after, 0, 5),
		catchUpAfterMs: 24 * 60 * 60 * 1000
	});

	it('queues each slot once when several schedulers race', async () => {
		const schedule = daily(uniqueKind('slot'));
		const now = new Date('2026-12-01T10:00:00Z');
		await Promise.all([
			scheduleNext(db, schedule, now),
			scheduleNext(other, schedule, now),
			scheduleNext(db, schedule, now),
			scheduleNext(other, schedule, now)
		]);
		const jobs = await jobsOf(schedule.kind);
		expect(jobs.map((j) => [j.key, j.run_at.toISOString()])).toEqual([
			['2026-12-01T17:05:00.000Z', '2026-12-01T17:05:00.000Z']
		]);
	});

	it('catches up once at start when the job never succeeded, and not after a recent success', async () => {
		const schedule = daily(uniqueKind('catchup'));
		const ids = await Promise.all([catchUpIfStale(db, schedule), catchUpIfStale(other, schedule)]);
		expect(ids.filter((id) => id !== null)).toHaveLength(1);
		const handler: JobHandler = { kind: schedule.kind, run: async () => null };
		await runNextJob(db, [handler], { workerId: 'worker-s' });
		expect(await catchUpIfStale(db, schedule)).toBeNull();
		const jobs = await jobsOf(schedule.kind);
		expect(jobs.map((j) => [j.status, j.key?.startsWith('catchup:')])).toEqual([
			['succeeded', true]
		]);
	});
});
