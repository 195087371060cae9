import type { Agent } from 'node:https';
import { sql, type Kysely } from 'kysely';
import webpush from 'web-push';
import type { Database } from '../db/schema';
import { markFailed, markSent, notQuietNow, pendingLeft, postponeQuiet } from './outbox-rows';
import type { VapidKeys } from './push-keys';

/**
 * Sending the Web Push notifications of one outbox batch (push_outbox, migration 0310), the same
 * way as the e-mails (delivery.ts): rows claimed by one UPDATE over a `FOR UPDATE SKIP LOCKED`
 * selection under a lease, each marked sent once the push service accepted it (201), retried
 * with backoff on a network error, 429 or 5xx, then dead; another 4xx is dead at once (a wrong
 * key, a payload too large). A 404 or 410 means the browser dropped the subscription: it is
 * deleted (and its rows with it). Users inside quiet hours are skipped until their end.
 * Relative imports only: a test runs it in a child process.
 */
type Db = Kysely<Database>;
export type PushKind = 'message' | 'notice' | 'auto';

/** How long a push service keeps an undelivered notification, and how urgent it is. */
export const PUSH_OPTIONS: Record<PushKind, { TTL: number; urgency: 'normal' | 'high' }> = {
	message: { TTL: 24 * 3600, urgency: 'high' },
	notice: { TTL: 3 * 24 * 3600, urgency: 'normal' },
	auto: { TTL: 24 * 3600, urgency: 'normal' }
};

export interface PushTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/** Sends one encrypted notification; throws an error with `statusCode` when refused. */
export type PushSender = (
	target: PushTarget,
	payload: string,
	options: { TTL: number; urgency: 'normal' | 'high'; topic?: string }
) => Promise<void>;

/**
 * One push service request at most this long; a claim of 10 rows (the default batch) then ends
 * within the 120 s lease, so no other process claims a row still being sent.
 */
export const PUSH_TIMEOUT_MS = 10_000;

let agentOverride: Agent | undefined;

/** Tests: the https agent for the push services (a local endpoint's self-signed certificate). */
export function setPushAgent(agent: Agent | undefined) {
	agentOverride = agent;
}

/** The real sender: web-push (aes128gcm encryption, VAPID `Authorization` header). */
export function webPushSender(vapid: VapidKeys): PushSender {
	return async (target, payload, options) => {
		await webpush.sendNotification(target, payload, {
			...options,
			vapidDetails: vapid,
			contentEncoding: 'aes128gcm',
			timeout: PUSH_TIMEOUT_MS,
			...(agentOverride ? { agent: agentOverride } : {})
		});
	};
}

export interface PushDeliveryOptions {
	leaseMs?: number;
	batchSize?: number;
	maxAttempts?: number;
	signal?: AbortSignal;
}

export const PUSH_MAX_ATTEMPTS = 5;

interface PushRow {
	id: string;
	subscription_id: string;
	kind: PushKind;
	title: string;
	body: string;
	url: string;
	attempts: number;
	endpoint: string;
	p256dh: string;
	auth: string;
}

async function claim(db: Db, batchKey: string, limit: number, leaseMs: number) {
	const result = await sql<PushRow>`
		update push_outbox o
		set claimed_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = o.attempts + 1
		from push_subscriptions s
		where s.id = o.subscription_id and o.id in (select id from push_outbox o
			where batch_key = ${batchKey} and status = 'pending' and next_attempt_at <= now()
				and (claimed_until is null or claimed_until < now()) and ${notQuietNow}
			order by id limit ${limit} for update skip locked)
		returning o.id, o.subscription_id, o.kind, o.title, o.body, o.url, o.attempts,
			s.endpoint, s.p256dh, s.auth`.execute(db);
	return result.rows.sort((a, b) => Number(a.id) - Number(b.id));
}

export interface PushDeliveryResult {
	sent: number;
	failed: number;
	/** subscriptions deleted because the push service answered 404 or 410 */
	gone: number;
	postponed: number;
	remaining: number;
	nextAt: Date | null;
}

const statusOf = (err: unknown) =>
	typeof err === 'object' && err && 'statusCode' in err ? Number(err.statusCode) : null;

/** Sends what is due in the batch; returns the figures. Stops between rows on `signal`. */
export async function deliverPushBatch(
	db: Db,
	batchKey: string,
	send: PushSender,
	options: PushDeliveryOptions = {}
): Promise<PushDeliveryResult> {
	const max = options.maxAttempts ?? PUSH_MAX_ATTEMPTS;
	const figures = { sent: 0, failed: 0, gone: 0, postponed: 0 };
	while (!options.signal?.aborted) {
		figures.postponed += await postponeQuiet(db, 'push_outbox', batchKey);
		const rows = await claim(db, batchKey, options.batchSize ?? 10, options.leaseMs ?? 120_000);
		if (!rows.length) break;
		for (const row of rows) {
			if (options.signal?.aborted) break;
			figures[await sendRow(db, row, send, max)]++;
		}
	}
	return { ...figures, ...(await pendingLeft(db, 'push_outbox', batchKey)) };
}

async function sendRow(db: Db, row: PushRow, send: PushSender, max: number) {
	const payload = JSON.stringify({ title: row.title, body: row.body, url: row.url, tag: row.id });
	try {
		await send({ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }, payload, {
			...PUSH_OPTIONS[row.kind]
		});
	} catch (err) {
		const status = statusOf(err);
		if (status === 404 || status === 410) {
			await db
				.deleteFrom('push_subscriptions')
				.where('id', '=', Number(row.subscription_id))
				.execute();
			return 'gone' as const;
		}
		const permanent =
			status !== null && status >= 400 && status < 500 && ![408, 429].includes(status);
		const error = `${status ?? ''} ${err instanceof Error ? err.message : String(err)}`.trim();
		await markFailed(db, 'push_outbox', row, max, error, permanent);
		return 'failed' as const;
	}
	await markSent(db, 'push_outbox', row.id);
	await db
		.updateTable('push_subscriptions')
		.set({ last_success_at: sql`now()` })
		.where('id', '=', Number(row.subscription_id))
		.execute();
	return 'sent' as const;
}
