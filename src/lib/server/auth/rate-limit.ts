import { sql } from 'kysely';
import type { DB } from '../db';

/**
 * Sign-in throttling kept in the database, so it holds across processes and restarts.
 *
 * Every attempt first reserves its place on each of its keys in one upsert (the row lock of the
 * upsert serialises concurrent attempts), and only an attempt whose reserved count is within the
 * limit is verified: however many guesses arrive at once, at most `limit` are checked per window.
 * A key (an account, a trusted device, an IP address) stays locked for `lockMinutes` after it used
 * up its allowance. An IP address is limited both in failures and in distinct accounts tried, so a
 * school's shared address is not locked by a few mistyped passwords, but spraying many accounts is.
 */
export const THROTTLE = {
	windowMinutes: 15,
	lockMinutes: 15,
	/** Guesses per account from browsers that never signed in to it. */
	accountLimit: 5,
	/** Guesses per account from one browser that signed in to it before (its own allowance). */
	deviceLimit: 5,
	/** Failures per IP address, over all accounts. */
	ipLimit: 100,
	/** Distinct accounts failed per IP address. */
	ipAccountLimit: 20
} as const;

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const deviceKey = (userId: number, deviceId: string) => `dev:${userId}:${deviceId}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export interface Reservation {
	allowed: boolean;
	/** When a refused attempt may try again. */
	until: Date | null;
}

interface ReserveOptions {
	limit: number;
	/** For an IP key: the account tried, and the limit of distinct accounts. */
	account?: { key: string; limit: number };
}

/** Reserves one attempt on `key` (one statement) and says whether it is within the allowance. */
export async function reserveAttempt(
	db: DB,
	key: string,
	opts: ReserveOptions
): Promise<Reservation> {
	const windowStart = sql`now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
	const expired = sql<boolean>`(t.window_started_at < ${windowStart}
		and (t.locked_until is null or t.locked_until <= now()))`;
	const account = opts.account?.key ?? null;
	const first = sql<string[]>`case when ${account}::text is null then '{}'::text[]
		else array[${account}::text] end`;
	// The list is capped one above the limit: enough to refuse, bounded in size.
	const cap = (opts.account?.limit ?? 0) + 1;
	const grown = sql<
		string[]
	>`case when ${account}::text is null or ${account}::text = any(t.accounts)
		or cardinality(t.accounts) >= ${cap} then t.accounts
		else array_append(t.accounts, ${account}::text) end`;
	const { rows } = await sql<{
		failures: number;
		tried: number;
		until: Date | null;
		started: Date;
	}>`
		insert into auth_throttle as t (key, failures, window_started_at, accounts)
		values (${key}, 1, now(), ${first})
		on conflict (key) do update set
			failures = case when ${expired} then 1 else t.failures + 1 end,
			accounts = case when ${expired} then ${first} else ${grown} end,
			locked_until = case when ${expired} then null else t.locked_until end,
			window_started_at = case when ${expired} then now() else t.window_started_at end
		returning failures, cardinality(accounts) as tried, locked_until as until,
			window_started_at as started`.execute(db);
	const row = rows[0];
	const allowed =
		row.failures <= opts.limit && (!opts.account || Number(row.tried) <= opts.account.limit);
	if (allowed) return { allowed, until: null };
	const windowEnd = new Date(new Date(row.started).getTime() + THROTTLE.windowMinutes * 60_000);
	return {
		allowed,
		until: row.until && new Date(row.until) > windowEnd ? new Date(row.until) : windowEnd
	};
}

/** After a failed guess: a key that used up its allowance is locked from now on. */
export async function lockIfExhausted(db: DB, key: string, limit: number): Promise<Date | null> {
	const row = await db
		.updateTable('auth_throttle')
		.set({
			locked_until: sql`greatest(locked_until, now() + make_interval(mins => ${THROTTLE.lockMinutes}))`
		})
		.where('key', '=', key)
		.where('failures', '>=', limit)
		.returning('locked_until')
		.executeTakeFirst();
	return row?.locked_until ? new Date(row.locked_until) : null;
}

/** A successful sign-in gives back its reservation on a shared key (an IP address). */
export async function releaseAttempt(db: DB, key: string, account?: string): Promise<void> {
	await db
		.updateTable('auth_throttle')
		.set({
			failures: sql`greatest(failures - 1, 0)`,
			accounts: account ? sql`array_remove(accounts, ${account}::text)` : sql`accounts`
		})
		.where('key', '=', key)
		.execute();
}

export async function clearFailures(db: DB, key: string): Promise<void> {
	await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

/** A key an attempt is counted on; an IP key also names the account tried (distinct accounts). */
export type ThrottleKey = { key: string; limit: number; account?: string };

/** Reserves the attempt on every key, in order; the time to wait when a key refuses it. */
export async function reserveKeys(db: DB, keys: ThrottleKey[]): Promise<Date | null> {
	for (const k of keys) {
		const account = k.account ? { key: k.account, limit: THROTTLE.ipAccountLimit } : undefined;
		const r = await reserveAttempt(db, k.key, { limit: k.limit, account });
		if (!r.allowed) return r.until;
	}
	return null;
}

/** After a failed attempt: locks the keys that used up their allowance; the latest lock, if any. */
export async function lockExhaustedKeys(db: DB, keys: ThrottleKey[]): Promise<Date | null> {
	let until: Date | null = null;
	for (const k of keys) {
		const locked = await lockIfExhausted(db, k.key, k.limit);
		if (locked && (!until || locked > until)) until = locked;
	}
	return until;
}

/** After a successful attempt: shared keys give back the reservation, own keys are cleared. */
export async function releaseKeys(db: DB, keys: ThrottleKey[]): Promise<void> {
	for (const k of keys) {
		if (k.account) await releaseAttempt(db, k.key, k.account);
		else await clearFailures(db, k.key);
	}
}
