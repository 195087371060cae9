import { sql } from 'kysely';
import type { DB } from '../db';
import type { JobStatus } from '../db/schema';
import type { Executor, NewJob } from './types';

/**
 * The job queue on the `jobs` table (migrations/0090). Every statement here stands alone (no open
 * transaction): a claim, a lease renewal and a finish are each one statement, so a running handler
 * never holds a lock on the queue, and on the embedded database other requests keep flowing.
 */
export interface ClaimedJob {
	id: number;
	runId: number;
	kind: string;
	key: string | null;
	payload: unknown;
	attempt: number;
	maxAttempts: number;
	cancelRequested: boolean;
}

const leaseEnd = (leaseMs: number) =>
	sql<Date>`now() + ${Math.round(leaseMs)}::int * interval '1 millisecond'`;

/**
 * Enqueues a job with the caller's executor: pass the transaction (`trx`) that writes the row the
 * job is about, so both commit or neither does. Returns the job id, or null when a job of this
 * kind with this key already exists.
 */
export async function enqueueJob<P>(trx: Executor, job: NewJob<P>): Promise<number | null> {
	const row = await trx
		.insertInto('jobs')
		.values({
			kind: job.kind,
			key: job.key ?? null,
			payload: JSON.stringify(job.payload ?? {}),
			run_at: job.runAt ?? sql<Date>`now()`,
			max_attempts: job.maxAttempts ?? 5
		})
		.onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
		.returning('id')
		.executeTakeFirst();
	return row?.id ?? null;
}

/**
 * Claims the next due job of these kinds for `worker`: a waiting job whose time has come, or a
 * running one whose lease expired (its process died). SKIP LOCKED lets concurrent workers pass each
 * other; the claim, the closing of the lost attempt and the new run row are one statement.
 */
export async function claimJob(
	db: DB,
	kinds: string[],
	worker: string,
	leaseMs: number
): Promise<ClaimedJob | null> {
	if (!kinds.length) return null;
	const { rows } = await sql<ClaimedJob>`
		with next as (
			select id from jobs
			where kind = any(${kinds}::text[])
				and ((status in ('queued', 'failed') and run_at <= now())
					or (status = 'running' and locked_until < now() and attempts < max_attempts))
			order by run_at, id
			limit 1
			for update skip locked),
		claimed as (
			update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = ${worker},
				locked_until = ${leaseEnd(leaseMs)}
			from next where j.id = next.id
			returning j.id, j.kind, j.key, j.payload, j.attempts, j.max_attempts, j.cancel_requested),
		lost as (
			update job_runs r set finished_at = now(), outcome = 'lease_expired', error = 'lease expired'
			where r.job_id in (select id from claimed) and r.finished_at is null),
		run as (
			insert into job_runs (job_id, attempt, worker)
			select id, attempts, ${worker} from claimed
			returning id, job_id)
		select c.id, run.id as "runId", c.kind, c.key, c.payload, c.attempts as attempt,
			c.max_attempts as "maxAttempts", c.cancel_requested as "cancelRequested"
		from claimed c join run on run.job_id = c.id`.execute(db);
	return rows[0] ?? null;
}

/**
 * Renews the lease while the handler runs. Answers whether cancelling was asked for, or null when
 * the job is no longer this worker's (the lease expired and another worker took it).
 */
export async function renewLease(
	db: DB,
	jobId: number,
	worker: string,
	leaseMs: number
): Promise<{ cancelRequested: boolean } | null> {
	const row = await db
		.updateTable('jobs')
		.set({ locked_until: leaseEnd(leaseMs) })
		.where('id', '=', jobId)
		.where('locked_by', '=', worker)
		.where('status', '=', 'running')
		.returning('cancel_requested')
		.executeTakeFirst();
	return row ? { cancelRequested: row.cancel_requested } : null;
}

export async function saveProgress(db: DB, jobId: number, worker: string, progress: unknown) {
	await db
		.updateTable('jobs')
		.set({ progress: JSON.stringify(progress) })
		.where('id', '=', jobId)
		.where('locked_by', '=', worker)
		.where('status', '=', 'running')
		.execute();
}

export async function isCancelRequested(db: DB, jobId: number): Promise<boolean> {
	const row = await db
		.selectFrom('jobs')
		.select('cancel_requested')
		.where('id', '=', jobId)
		.executeTakeFirst();
	return row?.cancel_requested ?? true;
}

export type Finish =
	| { outcome: 'succeeded'; result: unknown }
	| { outcome: 'cancelled' }
	| { outcome: 'failed'; error: string; retryInMs: number };

/**
 * Ends an attempt: the job row and its run row in one statement. A failed attempt waits for
 * `retryInMs`, or is dead once it used its last attempt. Returns the job's new status, or null when
 * the job was no longer this worker's.
 */
export async function finishJob(
	db: DB,
	job: ClaimedJob,
	worker: string,
	finish: Finish
): Promise<JobStatus | null> {
	const error = finish.outcome === 'failed' ? finish.error.slice(0, 2000) : null;
	const status =
		finish.outcome === 'failed'
			? sql`case when attempts >= max_attempts then 'dead' else 'failed' end`
			: sql`${finish.outcome}::text`;
	const retryAt =
		finish.outcome === 'failed'
			? sql`now() + ${Math.round(finish.retryInMs)}::int * interval '1 millisecond'`
			: sql`run_at`;
	const result = finish.outcome === 'succeeded' ? JSON.stringify(finish.result ?? null) : null;
	const { rows } = await sql<{ status: JobStatus }>`
		with j as (
			update jobs set status = ${status}, run_at = ${retryAt}, locked_by = null,
				locked_until = null, last_error = ${error}, result = ${result}::jsonb,
				finished_at = case when ${status} = 'failed' then null else now() end
			where id = ${job.id} and locked_by = ${worker} and status = 'running'
			returning status),
		r as (
			update job_runs set finished_at = now(), outcome = ${finish.outcome}, error = ${error}
			where id = ${job.runId} and exists (select 1 from j))
		select status from j`.execute(db);
	return rows[0]?.status ?? null;
}

/**
 * Running jobs whose lease expired after their last attempt are dead (their process died on the
 * last try); nobody would claim them again otherwise.
 */
export async function buryExpiredJobs(db: DB, kinds: string[]): Promise<number> {
	if (!kinds.length) return 0;
	const { rows } = await sql<{ id: number }>`
		with dead as (
			update jobs set status = 'dead', finished_at = now(), locked_by = null, locked_until = null,
				last_error = 'lease expired on the last attempt'
			where kind = any(${kinds}::text[]) and status = 'running' and locked_until < now()
				and attempts >= max_attempts
			returning id),
		r as (
			update job_runs set finished_at = now(), outcome = 'lease_expired', error = 'lease expired'
			where job_id in (select id from dead) and finished_at is null)
		select id from dead`.execute(db);
	return rows.length;
}

/** Asks a job to stop: a waiting job is cancelled at once, a running one when its handler looks. */
export async function requestCancel(db: Executor, jobId: number): Promise<void> {
	await db
		.updateTable('jobs')
		.set({
			cancel_requested: true,
			status: sql`case when status in ('queued', 'failed') then 'cancelled' else status end`,
			finished_at: sql`case when status in ('queued', 'failed') then now() else finished_at end`
		})
		.where('id', '=', jobId)
		.execute();
}
