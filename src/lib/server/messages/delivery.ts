import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
	markFailed,
	notQuietNow,
	pendingLeft,
	postponeQuiet,
	retryDelayMs,
	SentMarks
} from './outbox-rows';

/**
 * Sending the e-mails of one outbox batch (delivery_outbox, migration 0122). Safe with several
 * processes: rows are claimed by one UPDATE over a `FOR UPDATE SKIP LOCKED` selection and held by
 * a lease (`claimed_until`); accepted rows are recorded sent in small batches (`SentMarks`: at most
 * 16 rows or 25 ms after the first). A process killed mid-batch leaves its claimed rows to be
 * claimed again when the lease ends (those in flight, being sent or accepted and not yet recorded,
 * may then be sent twice; their Message-ID is stable, so mail systems show each once). A failure
 * is retried with backoff,
 * then the row is 'dead' with its error. Relative imports only: a test runs it in a child process.
 */
type Db = Kysely<Database>;

export interface OutgoingMail {
	from: string;
	to: string;
	subject: string;
	text: string;
	/** stable per outbox row: `<outbox-ID@truong-so>` */
	messageId: string;
}

export interface MailTransport {
	send(mail: OutgoingMail): Promise<void>;
	/** closes kept-open connections (a pooled SMTP transport), at shutdown */
	close?(): void;
}

export interface DeliveryOptions {
	from: string;
	/** how long a claim lasts (a killed process's rows wait this long) */
	leaseMs?: number;
	batchSize?: number;
	/** attempts before a row is dead */
	maxAttempts?: number;
	/**
	 * e-mails of a claim handed to the transport at once (default 1); accepted ones are recorded
	 * sent in small batches, so a kill loses nothing and repeats at most those in flight
	 */
	concurrency?: number;
	signal?: AbortSignal;
}

/** The e-mails sent at once by the portal's delivery job (bench:messages measures the rate). */
export const EMAIL_CONCURRENCY = 8;

export const MAX_ATTEMPTS = 5;

export { retryDelayMs };

export const outboxMessageId = (id: number | string) => `<outbox-${id}@truong-so>`;

async function claim(db: Db, batchKey: string, limit: number, leaseMs: number) {
	const result = await sql<{
		id: string;
		email: string;
		subject: string;
		body: string;
		attempts: number;
	}>`
		update delivery_outbox o
		set claimed_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = o.attempts + 1
		where o.id in (select id from delivery_outbox o
			where batch_key = ${batchKey} and status = 'pending' and next_attempt_at <= now()
				and (claimed_until is null or claimed_until < now()) and ${notQuietNow}
			order by id limit ${limit} for update skip locked)
		returning o.id, o.email, o.subject, o.body, o.attempts`.execute(db);
	return result.rows.sort((a, b) => Number(a.id) - Number(b.id)); // oldest first
}

export interface DeliveryResult {
	sent: number;
	failed: number;
	/** rows of the batch still to send (failed and waiting, or claimed by another process) */
	remaining: number;
	/** rows moved to the end of their recipient's quiet hours by this run */
	postponed: number;
	/** when the earliest remaining row may be tried (its time, or the end of a lease); null: none */
	nextAt: Date | null;
}

/** Sends what is due in the batch; returns the figures. Stops between rows on `signal`. */
export async function deliverBatch(
	db: Db,
	batchKey: string,
	transport: MailTransport,
	options: DeliveryOptions
): Promise<DeliveryResult> {
	const leaseMs = options.leaseMs ?? 120_000;
	const max = options.maxAttempts ?? MAX_ATTEMPTS;
	let sent = 0;
	let failed = 0;
	let postponed = 0;
	type Row = Awaited<ReturnType<typeof claim>>[number];
	const marks = new SentMarks(db, 'delivery_outbox');
	const sendOne = async (row: Row) => {
		try {
			await transport.send({
				from: options.from,
				to: row.email,
				subject: row.subject,
				text: row.body,
				messageId: outboxMessageId(row.id)
			});
		} catch (err) {
			const error = err instanceof Error ? err.message : String(err);
			await markFailed(db, 'delivery_outbox', row, max, error);
			failed++;
			return;
		}
		sent++;
		await marks.add(row.id);
	};
	while (!options.signal?.aborted) {
		postponed += await postponeQuiet(db, 'delivery_outbox', batchKey);
		const rows = await claim(db, batchKey, options.batchSize ?? 50, leaseMs);
		if (!rows.length) break;
		// oldest first, `concurrency` at a time; stops taking rows on `signal`
		const lanes = Math.max(1, Math.min(options.concurrency ?? 1, rows.length));
		await Promise.all(
			Array.from({ length: lanes }, async () => {
				for (let row = rows.shift(); row && !options.signal?.aborted; row = rows.shift())
					await sendOne(row);
			})
		);
		await marks.flush();
	}
	const left = await pendingLeft(db, 'delivery_outbox', batchKey);
	return { sent, failed, postponed, ...left };
}
