import { sql } from 'kysely';
import type { DB } from '../db';
import type { JobRunOutcome, JobStatus } from '../db/schema';
import { requireDepartment } from '../auth/access';
import type { Principal } from '../auth/session';

/** What the department's job page shows: each kind's last run and next slot, and recent runs. */
export interface JobKindState {
	kind: string;
	lastStartedAt: Date | null;
	lastFinishedAt: Date | null;
	/** The status of the job of the last run: succeeded, failed (a retry is due), dead, running… */
	lastStatus: JobStatus | null;
	lastError: string | null;
	nextRunAt: Date | null;
	progress: unknown;
}

export interface RecentJobRun {
	id: number;
	jobId: number;
	kind: string;
	attempt: number;
	worker: string;
	startedAt: Date;
	finishedAt: Date | null;
	outcome: JobRunOutcome | null;
	error: string | null;
}

export async function jobKindStates(db: DB, kinds: string[]): Promise<JobKindState[]> {
	if (!kinds.length) return [];
	const { rows } = await sql<JobKindState>`
		select k.kind, last.started_at as "lastStartedAt", last.finished_at as "lastFinishedAt",
			last.status as "lastStatus", last.error as "lastError", last.progress,
			(select min(j.run_at) from jobs j
				where j.kind = k.kind and j.status in ('queued', 'failed')) as "nextRunAt"
		from unnest(${kinds}::text[]) as k(kind)
		left join lateral (
			select r.started_at, r.finished_at, j.status, coalesce(r.error, j.last_error) as error,
				j.progress
			from jobs j join job_runs r on r.job_id = j.id
			where j.kind = k.kind
			order by r.id desc limit 1) last on true
		order by k.kind`.execute(db);
	return rows;
}

export async function recentJobRuns(db: DB, kinds: string[], limit = 20): Promise<RecentJobRun[]> {
	if (!kinds.length) return [];
	return db
		.selectFrom('job_runs as r')
		.innerJoin('jobs as j', 'j.id', 'r.job_id')
		.where('j.kind', 'in', kinds)
		.select([
			'r.id',
			'r.job_id as jobId',
			'j.kind',
			'r.attempt',
			'r.worker',
			'r.started_at as startedAt',
			'r.finished_at as finishedAt',
			'r.outcome',
			'r.error'
		])
		.orderBy('r.id', 'desc')
		.limit(limit)
		.execute();
}

/** The job page belongs to the department (`jobs.view`; the gate checks too). */
export async function loadJobOverview(db: DB, principal: Principal, kinds: string[]) {
	requireDepartment(principal, 'jobs.view');
	return { kinds: await jobKindStates(db, kinds), runs: await recentJobRuns(db, kinds) };
}
