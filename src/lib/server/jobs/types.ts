import type { Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';

/** A database or a transaction: enqueueJob and recordEvent take the caller's `trx`. */
export type Executor = Kysely<Database>;

export interface NewJob<P = unknown> {
	kind: string;
	payload?: P;
	/** When it may run (default: now). */
	runAt?: Date;
	/** Unique per kind: a second enqueue with the same key is ignored (scheduled slots, outbox ids). */
	key?: string;
	/** Attempts before the job is dead (default 5). */
	maxAttempts?: number;
}

/** What a handler sees of its job. Never hold a transaction open across `await`s of long work. */
export interface JobContext<P = unknown> {
	db: DB;
	job: { id: number; kind: string; key: string | null; payload: P; attempt: number };
	/** Aborted when someone asks to cancel the job, when the lease is lost, or at shutdown. */
	signal: AbortSignal;
	/** Stores a progress object (shown on the job page). */
	progress(value: unknown): Promise<void>;
	/** Whether cancelling was asked for (reads the job row); a long handler polls it between steps. */
	cancelled(): Promise<boolean>;
}

export interface JobHandler<P = unknown> {
	kind: string;
	/** The result is stored as JSON on the job. Throwing fails the attempt (retried with backoff). */
	run(ctx: JobContext<P>): Promise<unknown>;
	/** Delay before attempt `attempt + 1` after attempt `attempt` failed (default: 30 s doubling, max 1 h). */
	retryDelayMs?(attempt: number): number;
}

/** A job kind that runs on a schedule: `next(after)` is the first slot strictly after `after`. */
export interface Schedule {
	kind: string;
	next(after: Date): Date;
	/** At start, run once at once if no run succeeded within this time (e.g. a day). */
	catchUpAfterMs?: number;
}

/** Thrown by a handler that stops because it was cancelled. */
export class JobCancelledError extends Error {
	constructor() {
		super('cancelled');
	}
}
