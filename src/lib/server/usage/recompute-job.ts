import { logger } from '../logger';
import { nextVietnamTime } from '../../dates';
import { JobCancelledError, type JobHandler, type Schedule } from '../jobs/types';
import { recomputeAdoption } from './status';

/**
 * The daily adoption recompute as a job: the 30-day window moves every day, so a platform whose
 * teachers stopped using it falls back to `deployed` even when no event arrives. Daily at 00:05
 * Vietnam time, and once at start when no run succeeded in the last day. The changes are applied
 * in short batches; between two batches the run stops at shutdown or when the job is cancelled
 * (what was applied stays; the next run judges again from the data).
 * `npm run usage:recompute` calls recomputeAdoption directly.
 */
export const USAGE_RECOMPUTE = 'usage.recompute';

export const usageRecomputeJob: JobHandler = {
	kind: USAGE_RECOMPUTE,
	async run(ctx) {
		const started = Date.now();
		const result = await recomputeAdoption(ctx.db, {
			signal: ctx.signal,
			onBatch: (done, total) => ctx.progress({ done, total })
		});
		const { promoted, demoted, judged, interrupted } = result;
		const ms = Date.now() - started;
		logger.info({ promoted, demoted, judged, interrupted, ms }, 'usage: adoption recomputed');
		if (interrupted) throw new JobCancelledError();
		return { promoted, demoted, judged, ms };
	}
};

export const usageRecomputeSchedule: Schedule = {
	kind: USAGE_RECOMPUTE,
	next: (after) => nextVietnamTime(after, 0, 5),
	catchUpAfterMs: 24 * 60 * 60 * 1000
};
