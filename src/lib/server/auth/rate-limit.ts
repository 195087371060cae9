import { sql } from 'kysely';
import type { DB } from '../db';

/**
 * Sign-in throttling kept in the database, so it holds across processes and restarts.
 * A key (an account or an IP address) is locked for LOCK_MINUTES once it reaches its
 * limit of failures within WINDOW_MINUTES.
 */
export const THROTTLE = {
	windowMinutes: 15,
	lockMinutes: 15,
	accountLimit: 5,
	ipLimit: 30
} as const;

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The time until which any of the keys is locked, or null. */
export async function lockedUntil(db: DB, keys: string[]): Promise<Date | null> {
	const row = await db
		.selectFrom('auth_throttle')
		.select((eb) => eb.fn.max('locked_until').as('until'))
		.where('key', 'in', keys)
		.where('locked_until', '>', new Date())
		.executeTakeFirst();
	return row?.until ? new Date(row.until) : null;
}

export async function recordFailure(db: DB, key: string, limit: number): Promise<void> {
	const window = sql`now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
	const fresh = sql<boolean>`auth_throttle.window_started_at < ${window}`;
	const failures = sql<number>`case when ${fresh} then 1 else auth_throttle.failures + 1 end`;
	await db
		.insertInto('auth_throttle')
		.values({ key, failures: 1, window_started_at: sql`now()` })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				failures,
				window_started_at: sql`case when ${fresh} then now() else auth_throttle.window_started_at end`,
				locked_until: sql`case when ${failures} >= ${limit}
					then now() + make_interval(mins => ${THROTTLE.lockMinutes})
					else auth_throttle.locked_until end`
			})
		)
		.execute();
}

export async function clearFailures(db: DB, key: string): Promise<void> {
	await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
