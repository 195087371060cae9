import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOwnData } from '../../src/lib/server/accounts/export';
import type { DB } from '../../src/lib/server/db';
import {
	DELIVER_JOB,
	deliverJob,
	enqueueDelivery,
	setMailTransport
} from '../../src/lib/server/messages/outbox';
import {
	deliverPushBatch,
	setPushAgent,
	webPushSender
} from '../../src/lib/server/messages/push-delivery';
import { forgetVapidKeys, vapidKeys } from '../../src/lib/server/messages/push-keys';
import {
	handlePushRequest,
	pushHostAllowed,
	setPushHosts
} from '../../src/lib/server/messages/push-subscriptions';
import { connectTestDb } from '../helpers/context';

/**
 * Web Push (migration 0310) against a REAL local HTTPS push endpoint: a self-signed certificate
 * made here with openssl, a node https server that records every request and answers with the
 * status chosen per path. The delivery trusts that certificate through `setPushAgent` and the
 * subscription endpoint accepts the server's host through `setPushHosts`. The recorded bodies are
 * decrypted with the browser's keys made by the test (aes128gcm), so they are really encrypted.
 */
const ece = createRequire(import.meta.url)('http_ece') as {
	decrypt(body: Buffer, params: Record<string, unknown>): Buffer;
};

let db: DB;
let close: () => Promise<void>;
let dir: string;
let server: Server;
let origin: string;
const run = `${Date.now()}-${process.pid}`;
const MINUTE = 60_000;

interface Recorded {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}
const recorded: Recorded[] = [];
/** the status the push service answers per path (default 201) */
const answers = new Map<string, number>();

/** A browser's push keys: the P-256 pair and the auth secret. */
function browserKeys() {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const auth = randomBytes(16).toString('base64url');
	return { ecdh, p256dh: ecdh.getPublicKey().toString('base64url'), auth };
}
type Browser = ReturnType<typeof browserKeys> & { endpoint: string };

const principal = (userId: number) =>
	({ userId, email: null, name: 'x', locale: null, roles: [] }) as unknown as Parameters<
		typeof handlePushRequest
	>[1];

/** A user who chose push notices (and these quiet hours), with one subscribed browser. */
async function subscribedUser(tag: string, quiet?: { start: number; end: number }) {
	const user = await db
		.insertInto('users')
		.values({ email: `push-${run}-${tag}@test.example`, name: `Phụ huynh ${tag}` })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('notification_preferences')
		.values({
			user_id: user.id,
			push_kinds: ['notice'],
			quiet_start: quiet?.start ?? null,
			quiet_end: quiet?.end ?? null
		})
		.execute();
	const keys = browserKeys();
	const browser: Browser = { ...keys, endpoint: `${origin}/push/${run}-${tag}` };
	const answer = await subscribe(user.id, browser);
	expect(answer).toEqual({ status: 200, body: { ok: true, subscribed: true } });
	return { userId: user.id, browser };
}

const subscribe = (userId: number, b: Pick<Browser, 'endpoint' | 'p256dh' | 'auth'>) =>
	handlePushRequest(
		db,
		principal(userId),
		'application/json',
		JSON.stringify({
			action: 'subscribe',
			subscription: { endpoint: b.endpoint, keys: { p256dh: b.p256dh, auth: b.auth } }
		})
	);

async function notice(tag: string, userIds: number[]) {
	const batchKey = `test:${run}:${tag}`;
	const queued = await db.transaction().execute((trx) =>
		enqueueDelivery(trx, {
			batchKey,
			kind: 'notice',
			recipients: sql`select id from users where id in (${sql.join(userIds)})`,
			subject: 'Thông báo mới: họp phụ huynh',
			text: 'Nhà trường gửi thông báo "họp phụ huynh".',
			path: '/parent/notices/1'
		})
	);
	return { batchKey, queued };
}

const runJob = (batchKey: string) =>
	deliverJob.run({
		db,
		job: { id: 0, kind: DELIVER_JOB, key: batchKey, payload: { batchKey }, attempt: 1 },
		signal: new AbortController().signal,
		progress: async () => {},
		cancelled: async () => false
	}) as Promise<{ push: Record<string, unknown> }>;

const pushRows = (batchKey: string) =>
	db
		.selectFrom('push_outbox')
		.select(['status', 'attempts', 'last_error', 'next_attempt_at'])
		.where('batch_key', '=', batchKey)
		.execute();

const requestsTo = (b: Browser) => recorded.filter((r) => `${origin}${r.path}` === b.endpoint);

beforeAll(async () => {
	({ db, close } = connectTestDb(4));
	dir = mkdtempSync(path.join(tmpdir(), 'trs-push-'));
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
			'-days',
			'1',
			'-keyout',
			key,
			'-out',
			cert
		],
		{ stdio: 'ignore' }
	);
	server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = req.url ?? '/';
			recorded.push({ path: url, headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(answers.get(url) ?? 201).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	origin = `https://127.0.0.1:${port}`;
	setPushAgent(new Agent({ ca: readFileSync(cert) }));
	setPushHosts([`127.0.0.1:${port}`]);
	setMailTransport(null); // e-mail off: only the push channel here
});

afterAll(async () => {
	setPushAgent(undefined);
	setPushHosts(undefined);
	setMailTransport(undefined);
	await new Promise((resolve) => server.close(resolve));
	await close();
	rmSync(dir, { recursive: true, force: true });
});

describe('Web Push delivery', () => {
	it('sends a notice as one encrypted POST with a VAPID Authorization header and a TTL', async () => {
		const { userId, browser } = await subscribedUser('notice');
		const { batchKey, queued } = await notice('notice', [userId]);
		expect(queued).toEqual({ emails: 0, pushes: 1 });
		const result = await runJob(batchKey);
		expect(result.push).toMatchObject({ sent: 1, failed: 0, gone: 0, remaining: 0 });
		const [request, ...more] = requestsTo(browser);
		expect(more).toEqual([]);
		const vapid = await vapidKeys(db);
		expect(request.headers.authorization).toMatch(
			new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`)
		);
		const jwt = String(request.headers.authorization).split(/[ =,]+/)[2];
		const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
		expect(claims).toMatchObject({ aud: origin, sub: vapid.subject });
		expect(request.headers.ttl).toBe(String(3 * 24 * 3600));
		expect(request.headers.urgency).toBe('normal');
		expect(request.headers['content-encoding']).toBe('aes128gcm');
		expect(request.body.toString('latin1')).not.toContain('họp');
		const plain = ece.decrypt(request.body, {
			version: 'aes128gcm',
			privateKey: browser.ecdh,
			authSecret: browser.auth
		});
		expect(JSON.parse(plain.toString('utf8'))).toMatchObject({
			title: 'Thông báo mới: họp phụ huynh',
			body: 'Nhà trường gửi thông báo "họp phụ huynh".',
			url: '/parent/notices/1'
		});
		expect(await pushRows(batchKey)).toMatchObject([{ status: 'sent', attempts: 1 }]);
		const sub = await db
			.selectFrom('push_subscriptions')
			.select('last_success_at')
			.where('endpoint', '=', browser.endpoint)
			.executeTakeFirstOrThrow();
		expect(sub.last_success_at).not.toBeNull();
		// the job again sends nothing twice
		expect((await runJob(batchKey)).push).toMatchObject({ sent: 0, remaining: 0 });
		expect(requestsTo(browser)).toHaveLength(1);
	});

	it('deletes the subscription when the push service answers 410', async () => {
		const { userId, browser } = await subscribedUser('gone');
		answers.set(new URL(browser.endpoint).pathname, 410);
		const { batchKey } = await notice('gone', [userId]);
		expect((await runJob(batchKey)).push).toMatchObject({ sent: 0, gone: 1, remaining: 0 });
		expect(requestsTo(browser)).toHaveLength(1);
		const left = await db
			.selectFrom('push_subscriptions')
			.select('id')
			.where('endpoint', '=', browser.endpoint)
			.execute();
		expect(left).toEqual([]);
		expect(await pushRows(batchKey)).toEqual([]);
	});

	it('retries a 500 with backoff, then marks the row dead', async () => {
		const { userId, browser } = await subscribedUser('error');
		answers.set(new URL(browser.endpoint).pathname, 500);
		const { batchKey } = await notice('error', [userId]);
		const send = webPushSender(await vapidKeys(db));
		const before = Date.now();
		expect(await deliverPushBatch(db, batchKey, send, { maxAttempts: 2 })).toMatchObject({
			sent: 0,
			failed: 1,
			remaining: 1
		});
		const [first] = await pushRows(batchKey);
		expect(first).toMatchObject({ status: 'pending', attempts: 1 });
		expect(first.last_error).toContain('500');
		// backoff: the next attempt is a minute later, so a run now sends nothing
		expect(new Date(first.next_attempt_at).getTime()).toBeGreaterThanOrEqual(before + 50_000);
		expect(await deliverPushBatch(db, batchKey, send, { maxAttempts: 2 })).toMatchObject({
			failed: 0,
			remaining: 1
		});
		expect(requestsTo(browser)).toHaveLength(1);
		await db
			.updateTable('push_outbox')
			.set({ next_attempt_at: sql`now() - interval '1 second'` })
			.where('batch_key', '=', batchKey)
			.execute();
		expect(await deliverPushBatch(db, batchKey, send, { maxAttempts: 2 })).toMatchObject({
			failed: 1,
			remaining: 0
		});
		expect(await pushRows(batchKey)).toMatchObject([{ status: 'dead', attempts: 2 }]);
		expect(requestsTo(browser)).toHaveLength(2);
	});

	it('holds a notification during the recipient’s quiet hours', async () => {
		const m = Math.floor((Date.now() + 7 * 3600_000) / MINUTE) % 1440;
		const around = { start: (m + 1380) % 1440, end: (m + 60) % 1440 };
		const { userId, browser } = await subscribedUser('quiet', around);
		const { batchKey } = await notice('quiet', [userId]);
		const [row] = await pushRows(batchKey);
		expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 50 * MINUTE);
		const result = await runJob(batchKey);
		expect(result.push).toMatchObject({ sent: 0, remaining: 1 });
		expect(requestsTo(browser)).toEqual([]);
		// quiet hours set after the notification was queued: moved to their end, no attempt counted
		const late = await subscribedUser('quiet-late');
		const queued = await notice('quiet-late', [late.userId]);
		await db
			.updateTable('notification_preferences')
			.set({ quiet_start: around.start, quiet_end: around.end })
			.where('user_id', '=', late.userId)
			.execute();
		expect((await runJob(queued.batchKey)).push).toMatchObject({
			sent: 0,
			postponed: 1,
			remaining: 1
		});
		expect(await pushRows(queued.batchKey)).toMatchObject([{ status: 'pending', attempts: 0 }]);
		expect(requestsTo(late.browser)).toEqual([]);
	});

	it('keeps one VAPID key pair for every process', async () => {
		forgetVapidKeys();
		const [a, b] = await Promise.all([vapidKeys(db), vapidKeys(db)]);
		expect(a.publicKey).toBe(b.publicKey);
		const stored = await db.selectFrom('push_vapid_keys').selectAll().execute();
		expect(stored).toHaveLength(1);
		expect(stored[0].public_key).toBe(a.publicKey);
	});
});

describe('POST /account/notifications/push', () => {
	const keys = browserKeys();
	const body = (endpoint: unknown, extra: Record<string, unknown> = {}) =>
		JSON.stringify({
			action: 'subscribe',
			subscription: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, ...extra }
		});
	const post = (userId: number, text: string, type = 'application/json') =>
		handlePushRequest(db, principal(userId), type, text);

	let userId: number;
	beforeAll(async () => {
		const user = await db
			.insertInto('users')
			.values({ email: `push-${run}-hostile@test.example`, name: 'Phụ huynh' })
			.returning('id')
			.executeTakeFirstOrThrow();
		userId = user.id;
	});

	it('refuses hostile inputs with a 400', async () => {
		const refusals: [string, string, string?][] = [
			[body(`http://127.0.0.1/push/${run}`), 'push_v_endpoint'],
			[body(`${origin.replace('https', 'http')}/push/${run}`), 'push_v_endpoint'],
			[body(`https://evil.example/push/${run}`), 'push_v_host'],
			[body('https://127.0.0.1:1/push/x'), 'push_v_host'],
			[body(`${origin}/push/a\u0000b`), 'push_v_endpoint'],
			[body(`${origin}/push/a\nb`), 'push_v_endpoint'],
			[body(`${origin}/${'a'.repeat(100_000)}`), 'push_v_body'],
			[body(`https://user:pw@${origin.slice(8)}/push/x`), 'push_v_endpoint'],
			[body(42), 'push_v_body'],
			[body(`${origin}/push/x`, { expirationTime: 0 }).replace(':0}', ':1e999}'), 'push_v_body'],
			[
				JSON.stringify({
					action: 'subscribe',
					subscription: { endpoint: `${origin}/push/x`, keys: { p256dh: 'AAAA', auth: keys.auth } }
				}),
				'push_v_keys'
			],
			['{"action":"subscribe"', 'push_v_body'],
			['{"action":"delete-everything"}', 'push_v_body'],
			['null', 'push_v_body'],
			[body(`${origin}/push/x`), 'push_v_body', 'application/x-www-form-urlencoded'],
			[body(`${origin}/push/x`), 'push_v_body', 'text/plain']
		];
		for (const [text, code, type] of refusals) {
			const answer = await post(userId, text, type);
			expect({ code, answer }).toEqual({ code, answer: { status: 400, body: { error: code } } });
		}
		const own = await db
			.selectFrom('push_subscriptions')
			.select('id')
			.where('user_id', '=', userId)
			.execute();
		expect(own).toEqual([]);
	});

	it('keeps one row for concurrent duplicate subscribes, and forgets it on unsubscribe', async () => {
		const endpoint = `${origin}/push/${run}-duplicate`;
		const answers = await Promise.all(
			Array.from({ length: 6 }, () => post(userId, body(endpoint)))
		);
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
		const rows = await db
			.selectFrom('push_subscriptions')
			.select(['user_id'])
			.where('endpoint', '=', endpoint)
			.execute();
		expect(rows).toEqual([{ user_id: userId }]);
		// the own-data export names the push service, never the secret endpoint
		const own = await exportOwnData(db, principal(userId));
		expect(own.pushSubscriptions).toMatchObject([{ service: new URL(origin).host }]);
		expect(JSON.stringify(own)).not.toContain('-duplicate');
		const off = await post(userId, JSON.stringify({ action: 'unsubscribe', endpoint }));
		expect(off).toEqual({ status: 200, body: { ok: true, subscribed: false } });
		expect(
			await db
				.selectFrom('push_subscriptions')
				.where('endpoint', '=', endpoint)
				.select('id')
				.execute()
		).toEqual([]);
	});

	it('accepts only the known push services by default', () => {
		const allowed = [
			'https://fcm.googleapis.com/fcm/send/abc',
			'https://updates.push.services.mozilla.com/wpush/v2/abc',
			'https://wns2-par02p.notify.windows.com/w/?token=abc',
			'https://web.push.apple.com/QGx'
		];
		const refused = [
			'http://fcm.googleapis.com/fcm/send/abc',
			'https://fcm.googleapis.com:8443/fcm/send/abc',
			'https://notify.windows.com.evil.example/w',
			'https://evilnotify.windows.com/w',
			'https://notify.windows.com/w',
			'https://127.0.0.1/push',
			'https://localhost/push',
			'not a url'
		];
		const hosts = [
			'fcm.googleapis.com',
			'updates.push.services.mozilla.com',
			'*.notify.windows.com',
			'web.push.apple.com'
		];
		expect(allowed.filter((u) => !pushHostAllowed(u, hosts))).toEqual([]);
		expect(refused.filter((u) => pushHostAllowed(u, hosts))).toEqual([]);
	});
});
