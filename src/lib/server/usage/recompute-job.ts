import { logger } from '../logger';
import { nextVietnamTime } from '../../dates';
import type { JobHandler, Schedule } from '../jobs/types';
import { recomputeAdoption } from './status';

/**
 * The daily adoption recompute as a job: the 30-day window moves every day, so a platform whose
 * teachers stopped using it falls back to `deployed` even when no event arrives. Daily at 00:05
 * Vietnam time, and once at start when no run succeeded in the last day.
 * `npm run usage:recompute` calls recomputeAdoption directly.
 */
export const USAGE_RECOMPUTE = 'usage.recompute';

export const usageRecomputeJob: JobHandler = {
	kind: USAGE_RECOMPUTE,
	async run({ db }) {
		const { promoted, demoted } = await recomputeAdoption(db);
		logger.info({ promoted, demoted }, 'usage: adoption recomputed');
		return { promoted, demoted };
	}
};

export const usageRecomputeSchedule: Schedule = {
	kind: USAGE_RECOMPUTE,
	next: (after) => nextVietnamTime(after, 0, 5),
	catchUpAfterMs: 24 * 60 * 60 * 1000
};
