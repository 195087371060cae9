import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogEvent } from 'kysely';

/**
 * Queries per request: how many and how long, for the `Server-Timing` header
 * (`db;dur=…;desc="n queries"`) that `npm run bench:load` prints per page. Counted through Kysely's
 * log hook inside the request's async context; nothing is kept after the request.
 */
export interface QueryStats {
	count: number;
	ms: number;
	/** the SQL of each query, only when asked (DB_LOG_QUERIES, for profiling) */
	sql?: string[];
}

const storage = new AsyncLocalStorage<QueryStats>();

export function withQueryStats<T>(fn: () => T, logSql = false): { stats: QueryStats; result: T } {
	const stats: QueryStats = { count: 0, ms: 0, sql: logSql ? [] : undefined };
	return { stats, result: storage.run(stats, fn) };
}

/** Kysely's `log` option: counts each query of the current request. */
export function countQuery(event: LogEvent): void {
	const stats = storage.getStore();
	if (!stats) return;
	stats.count += 1;
	stats.ms += event.queryDurationMillis;
	stats.sql?.push(`${event.queryDurationMillis.toFixed(1)} ms  ${event.query.sql}`);
}

export function serverTiming(appMs: number, stats: QueryStats): string {
	return `app;dur=${appMs.toFixed(1)}, db;dur=${stats.ms.toFixed(1)};desc="${stats.count} queries"`;
}
