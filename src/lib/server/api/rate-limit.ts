import { sql } from 'kysely';
import type { DB } from '../db';

/**
 * Request limits of the JSON API per key (an API token), kept in the database so that they hold
 * across portal processes. Fixed windows aligned on the clock; checking and counting is one
 * upsert, so concurrent requests cannot both see the last free slot.
 */
export interface RateDecision {
	allowed: boolean;
	count: number;
	/** Seconds until the window ends (for Retry-After). */
	retryAfter: number;
}

export async function hitRateLimit(
	db: DB,
	key: string,
	limit: number,
	windowSeconds = 60
): Promise<RateDecision> {
	const windowStart = sql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}::int) * ${windowSeconds}::int)`;
	const { rows } = await sql<{ count: number; retry_after: number }>`
		insert into api_rate_limits as l (key, window_started_at, count)
		values (${key}, ${windowStart}, 1)
		on conflict (key) do update set
			count = case when l.window_started_at = excluded.window_started_at then l.count + 1 else 1 end,
			window_started_at = excluded.window_started_at
		returning count, ceil(extract(epoch from
			window_started_at + ${windowSeconds}::int * interval '1 second' - now()))::int as retry_after`.execute(
		db
	);
	const { count, retry_after } = rows[0];
	return { allowed: count <= limit, count, retryAfter: Math.max(1, retry_after) };
}

export const usageTokenKey = (tokenId: number) => `usage-token:${tokenId}`;
