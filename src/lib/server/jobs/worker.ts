import { hostname } from 'node:os';
import type { DB } from '../db';
import { logger } from '../logger';
import {
	buryExpiredJobs,
	claimJob,
	finishJob,
	isCancelRequested,
	renewLease,
	saveProgress,
	type ClaimedJob
} from './queue';
import { catchUpIfStale, scheduleNext } from './schedule';
import { JobCancelledError, type JobContext, type JobHandler, type Schedule } from './types';

export interface WorkerOptions {
	handlers: JobHandler<never>[];
	schedules?: Schedule[];
	/** Pause between polls when no job is due. */
	pollMs?: number;
	/** How long a claim lasts without renewal; renewed every third of it while the handler runs. */
	leaseMs?: number;
	/** How often the next slot of each schedule is made sure of. */
	scheduleEveryMs?: number;
	workerId?: string;
}

const DEFAULT_LEASE_MS = 60_000;

export function defaultRetryDelayMs(attempt: number): number {
	return Math.min(30_000 * 2 ** (attempt - 1), 60 * 60_000);
}

export const newWorkerId = () =>
	`${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/**
 * Claims one due job of the handlers' kinds and runs it to the end; returns the job, or null when
 * none was due. The lease is renewed while the handler runs (and tells whether to cancel); the
 * handler gets no transaction: it opens its own, short ones.
 */
export async function runNextJob(
	db: DB,
	handlers: JobHandler<never>[],
	options: { workerId: string; leaseMs?: number; shutdown?: AbortSignal }
): Promise<ClaimedJob | null> {
	const byKind = new Map(handlers.map((h) => [h.kind, h]));
	const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
	const worker = options.workerId;
	const job = await claimJob(db, [...byKind.keys()], worker, leaseMs);
	if (!job) return null;
	const handler = byKind.get(job.kind)!;
	if (job.cancelRequested) {
		await finishJob(db, job, worker, { outcome: 'cancelled' });
		return job;
	}
	const control = new AbortController();
	let cancelSeen = false;
	const cancel = (reason: string) => control.abort(new Error(reason));
	const onShutdown = () => cancel('shutdown');
	options.shutdown?.addEventListener('abort', onShutdown);
	const heartbeat = setInterval(async () => {
		try {
			const lease = await renewLease(db, job.id, worker, leaseMs);
			if (!lease) cancel('lease lost');
			else if (lease.cancelRequested) cancel('cancel requested');
		} catch (err) {
			logger.warn({ jobId: job.id, err: String(err) }, 'jobs: lease renewal failed');
		}
	}, leaseMs / 3);
	heartbeat.unref();
	const ctx: JobContext<never> = {
		db,
		job: {
			id: job.id,
			kind: job.kind,
			key: job.key,
			payload: job.payload as never,
			attempt: job.attempt
		},
		signal: control.signal,
		progress: (value) => saveProgress(db, job.id, worker, value),
		async cancelled() {
			if (await isCancelRequested(db, job.id)) {
				cancelSeen = true;
				cancel('cancel requested');
			}
			return cancelSeen;
		}
	};
	try {
		const result = await handler.run(ctx);
		await finishJob(
			db,
			job,
			worker,
			cancelSeen ? { outcome: 'cancelled' } : { outcome: 'succeeded', result }
		);
		logger.info({ jobId: job.id, kind: job.kind, cancelled: cancelSeen }, 'jobs: job finished');
	} catch (err) {
		const isCancel = cancelSeen || err instanceof JobCancelledError;
		const retryInMs = (handler.retryDelayMs ?? defaultRetryDelayMs)(job.attempt);
		const error = err instanceof Error ? err.message : String(err);
		const status = await finishJob(
			db,
			job,
			worker,
			isCancel ? { outcome: 'cancelled' } : { outcome: 'failed', error, retryInMs }
		);
		logger.warn({ jobId: job.id, kind: job.kind, status, err: error }, 'jobs: attempt failed');
	} finally {
		clearInterval(heartbeat);
		options.shutdown?.removeEventListener('abort', onShutdown);
	}
	return job;
}

export interface Worker {
	/** Stops polling, asks a running handler to stop (ctx.signal) and waits for it. */
	stop(): Promise<void>;
}

/**
 * The worker loop of a portal process: makes sure each schedule's next slot is queued, then runs
 * due jobs one after another, pausing `pollMs` when none is due. Every process runs one; the
 * database decides who runs what.
 */
export function startWorker(db: DB, options: WorkerOptions): Worker {
	const workerId = options.workerId ?? newWorkerId();
	const pollMs = options.pollMs ?? 2000;
	const scheduleEveryMs = options.scheduleEveryMs ?? 60_000;
	const kinds = options.handlers.map((h) => h.kind);
	const shutdown = new AbortController();
	let wake: (() => void) | undefined;
	let scheduledAt = 0;

	async function schedule(first: boolean) {
		for (const s of options.schedules ?? []) {
			if (first) await catchUpIfStale(db, s);
			await scheduleNext(db, s);
		}
		scheduledAt = Date.now();
	}

	async function tick(first: boolean): Promise<boolean> {
		if (first || Date.now() - scheduledAt >= scheduleEveryMs) await schedule(first);
		await buryExpiredJobs(db, kinds);
		const job = await runNextJob(db, options.handlers, {
			workerId,
			leaseMs: options.leaseMs,
			shutdown: shutdown.signal
		});
		return job !== null;
	}

	const done = (async () => {
		let first = true;
		while (!shutdown.signal.aborted) {
			let busy = false;
			try {
				busy = await tick(first);
				first = false;
			} catch (err) {
				logger.error({ err: String(err) }, 'jobs: worker tick failed');
			}
			if (busy || shutdown.signal.aborted) continue;
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, pollMs);
				timer.unref();
				wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		}
	})();

	return {
		async stop() {
			shutdown.abort();
			wake?.();
			await done;
		}
	};
}
