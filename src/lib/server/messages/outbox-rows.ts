import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * What the two outboxes (e-mail: delivery_outbox, 0122; Web Push: push_outbox, 0310) do alike:
 * postpone rows of users now in quiet hours, record a failed attempt (backoff, then dead), and
 * say what is left of a batch. Relative imports only: a test runs the delivery in a child process.
 */
type Db = Kysely<Database>;
export type OutboxTable = 'delivery_outbox' | 'push_outbox';

/** Delay after the `attempts`-th failed attempt: 1 min doubling, at most 6 h. */
export const retryDelayMs = (attempts: number) =>
	Math.min(60_000 * 2 ** (attempts - 1), 6 * 3600_000);

/** The claim's condition that the row's user is not inside quiet hours now (alias `o`). */
export const notQuietNow = sql`not exists (select 1 from notification_preferences p
	where p.user_id = o.user_id and p.quiet_start is not null
		and quiet_hours_end(now(), p.quiet_start, p.quiet_end) > now())`;

/**
 * Moves the batch's due rows whose recipient is inside quiet hours now (set or changed after the
 * row was queued) to the end of them: a new time, not a failed attempt (attempts unchanged).
 */
export async function postponeQuiet(db: Db, table: OutboxTable, batchKey: string) {
	const result = await sql`
		update ${sql.table(table)} o
		set next_attempt_at = quiet_hours_end(now(), p.quiet_start, p.quiet_end)
		from notification_preferences p
		where p.user_id = o.user_id and o.batch_key = ${batchKey} and o.status = 'pending'
			and o.next_attempt_at <= now() and (o.claimed_until is null or o.claimed_until < now())
			and p.quiet_start is not null
			and quiet_hours_end(now(), p.quiet_start, p.quiet_end) > now()`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

/** A failed attempt: pending again after the backoff, or dead after `max` attempts (or `dead`). */
export async function markFailed(
	db: Db,
	table: OutboxTable,
	row: { id: string; attempts: number },
	max: number,
	error: string,
	dead = false
) {
	const status = dead || row.attempts >= max ? 'dead' : 'pending';
	await sql`update ${sql.table(table)}
		set status = ${status}, claimed_until = null, last_error = ${error.slice(0, 1000)},
			next_attempt_at = now() + make_interval(secs => ${retryDelayMs(row.attempts) / 1000})
		where id = ${Number(row.id)}`.execute(db);
}

export async function markSent(db: Db, table: OutboxTable, id: string) {
	await markSentMany(db, table, [Number(id)]);
}

/** Rows accepted by the transport, recorded sent by one statement. */
export async function markSentMany(db: Db, table: OutboxTable, ids: number[]) {
	if (!ids.length) return;
	await sql`update ${sql.table(table)}
		set status = 'sent', sent_at = now(), claimed_until = null, last_error = null
		where id = any(${`{${ids.join(',')}}`}::bigint[])`.execute(db);
}

/** At most this many accepted e-mails wait to be recorded sent (the "in flight" of a kill). */
export const SENT_FLUSH_ROWS = 16;
/** ... and at most this long (ms) after the first of them was accepted. */
export const SENT_FLUSH_MS = 25;

/**
 * Records accepted rows sent in small batches: one UPDATE per `maxRows` rows, or `maxMs` after the
 * first unrecorded one, whichever comes first, and at `flush()`. A process killed in between
 * resends at most these rows (stable Message-IDs), never loses one: they stay claimed, and are
 * claimed again when the lease ends. Flushes run one after another, in order.
 */
export class SentMarks {
	private ids: number[] = [];
	private timer: ReturnType<typeof setTimeout> | null = null;
	private chain: Promise<void> = Promise.resolve();
	private failure: unknown = null;

	constructor(
		private readonly db: Db,
		private readonly table: OutboxTable,
		private readonly maxRows = SENT_FLUSH_ROWS,
		private readonly maxMs = SENT_FLUSH_MS
	) {}

	/** Adds an accepted row; waits for the write when the batch is full (back-pressure). */
	add(id: string | number): Promise<void> {
		this.ids.push(Number(id));
		if (this.ids.length >= this.maxRows) return this.flush();
		this.timer ??= setTimeout(() => {
			this.flush().catch((err) => (this.failure ??= err));
		}, this.maxMs);
		return Promise.resolve();
	}

	/** Writes what is waiting; rejects if an earlier write failed. */
	flush(): Promise<void> {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		const ids = this.ids.splice(0);
		if (ids.length) this.chain = this.chain.then(() => markSentMany(this.db, this.table, ids));
		return this.chain.then(() => {
			if (this.failure) throw this.failure;
		});
	}
}

/** The batch's rows still pending and when the earliest may be tried (its time or lease end). */
export async function pendingLeft(
	db: Db,
	table: OutboxTable,
	batchKey: string
): Promise<{ remaining: number; nextAt: Date | null }> {
	const left = await sql<{ n: number; next_at: Date | null }>`
		select count(*)::int as n,
			min(greatest(next_attempt_at, coalesce(claimed_until, next_attempt_at))) as next_at
		from ${sql.table(table)} where batch_key = ${batchKey} and status = 'pending'`.execute(db);
	const { n, next_at } = left.rows[0];
	return { remaining: n, nextAt: next_at ? new Date(next_at) : null };
}
