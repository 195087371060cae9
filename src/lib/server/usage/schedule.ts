import type { DB } from '../db';
import { logger } from '../logger';
import { recomputeAdoption } from './status';

/**
 * The daily adoption recompute: the 30-day window moves every day, so a platform whose teachers
 * stopped using it falls back to `deployed` even when no event arrives. Runs once at start and then
 * every day at 00:05 Vietnam time (17:05 UTC). `npm run usage:recompute` runs the same function.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const RUN_AT_UTC_MS = (17 * 60 + 5) * 60 * 1000;

export function msUntilNextRun(now = new Date()): number {
	const sinceMidnight = now.getTime() % DAY_MS;
	const wait = RUN_AT_UTC_MS - sinceMidnight;
	return wait > 0 ? wait : wait + DAY_MS;
}

async function run(db: DB, reason: string) {
	try {
		const result = await recomputeAdoption(db);
		logger.info(
			{ reason, promoted: result.promoted, demoted: result.demoted },
			'usage: adoption recomputed'
		);
	} catch (err) {
		logger.error({ reason, err: String(err) }, 'usage: adoption recompute failed');
	}
}

/** Starts the schedule; returns a function that stops it (at shutdown). */
export function startAdoptionSchedule(db: DB): () => void {
	let timer: NodeJS.Timeout | undefined;
	const next = () => {
		timer = setTimeout(async () => {
			await run(db, 'daily');
			next();
		}, msUntilNextRun());
		timer.unref();
	};
	void run(db, 'start').then(next);
	return () => clearTimeout(timer);
}
