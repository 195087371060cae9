import type { Generated, Selectable } from 'kysely';
import type { CreatedAt, Json } from '../schema';

/** migrations/0090: the job queue, its runs, domain events and API request limits. */
export type JobStatus = 'queued' | 'running' | 'failed' | 'succeeded' | 'dead' | 'cancelled';
export type JobRunOutcome = 'succeeded' | 'failed' | 'cancelled' | 'lease_expired';

export interface JobsTable {
	id: Generated<number>;
	kind: string;
	key: string | null;
	payload: Json<unknown>;
	status: Generated<JobStatus>;
	run_at: Generated<Date>;
	attempts: Generated<number>;
	max_attempts: Generated<number>;
	locked_by: string | null;
	locked_until: Date | null;
	progress: Json<unknown> | null;
	cancel_requested: Generated<boolean>;
	result: Json<unknown> | null;
	last_error: string | null;
	created_at: CreatedAt;
	finished_at: Date | null;
}

export interface JobRunsTable {
	id: Generated<number>;
	job_id: number;
	attempt: number;
	worker: string;
	started_at: CreatedAt;
	finished_at: Date | null;
	outcome: JobRunOutcome | null;
	error: string | null;
}

export interface DomainEventsTable {
	id: Generated<number>;
	module: string;
	kind: string;
	subject_type: string;
	subject_id: string;
	school_id: number | null;
	payload: Json<unknown>;
	created_by: number | null;
	created_at: CreatedAt;
}

export interface ApiRateLimitsTable {
	key: string;
	window_started_at: Date;
	count: number;
}

export interface JobTables {
	jobs: JobsTable;
	job_runs: JobRunsTable;
	domain_events: DomainEventsTable;
	api_rate_limits: ApiRateLimitsTable;
}

export type Job = Selectable<JobsTable>;
export type JobRun = Selectable<JobRunsTable>;
export type DomainEvent = Selectable<DomainEventsTable>;
