import type { DB } from '../db';
import { enqueueJob } from './queue';
import type { Schedule } from './types';

/**
 * Makes sure the next slot of a schedule is queued. The key is the slot's instant and (kind, key)
 * is unique, so however many processes call this, each slot is one job and runs once.
 */
export async function scheduleNext(db: DB, schedule: Schedule, now = new Date()): Promise<void> {
	const slot = schedule.next(now);
	await enqueueJob(db, { kind: schedule.kind, key: slot.toISOString(), runAt: slot });
}

/**
 * At start: when the kind never succeeded, or not within `catchUpAfterMs`, and nothing of it is
 * due already, queue one run now. Its key names the last slot that should have run
 * (`catchup:<instant>`), so processes starting together queue it once.
 */
export async function catchUpIfStale(
	db: DB,
	schedule: Schedule,
	now = new Date()
): Promise<number | null> {
	if (!schedule.catchUpAfterMs) return null;
	const since = new Date(now.getTime() - schedule.catchUpAfterMs);
	const recent = await db
		.selectFrom('jobs')
		.select('id')
		.where('kind', '=', schedule.kind)
		.where((eb) =>
			eb.or([
				eb.and([eb('status', '=', 'succeeded'), eb('finished_at', '>=', since)]),
				eb.and([eb('status', 'in', ['queued', 'failed', 'running']), eb('run_at', '<=', now)])
			])
		)
		.limit(1)
		.executeTakeFirst();
	if (recent) return null;
	const missed = schedule.next(since);
	return enqueueJob(db, { kind: schedule.kind, key: `catchup:${missed.toISOString()}` });
}
