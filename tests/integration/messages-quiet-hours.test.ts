import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { MailTransport } from '../../src/lib/server/messages/delivery';
import { quietHoursEnd, type QuietHours } from '../../src/lib/messages/quiet-hours';
import {
	DELIVER_JOB,
	deliverJob,
	enqueueEmails,
	setMailTransport,
	smtpTransport
} from '../../src/lib/server/messages/outbox';
import {
	notificationSettings,
	saveNotificationSettings
} from '../../src/lib/server/messages/preferences';
import { connectTestDb } from '../helpers/context';

/**
 * Quiet hours per user (migration 0240): an e-mail due inside them waits for their end, whether
 * they were set before the e-mail was queued (its time is set then) or after (the delivery job
 * moves it, without counting an attempt, and queues its own follow-up instead of failing). What
 * arrives is checked on an in-process SMTP server.
 */
let db: DB;
let close: () => Promise<void>;
let server: SMTPServer;
let transport: MailTransport;
const arrived: string[] = [];
const run = `${Date.now()}-${process.pid}`;
const MINUTE = 60_000;

/** The Vietnam minute of the day now. */
const vietnamMinute = (at = new Date()) =>
	Math.floor((at.getTime() + 7 * 3600_000) / MINUTE) % 1440;
/** Quiet hours around now (an hour either side) and hours that exclude now. */
const aroundNow = (): QuietHours => {
	const m = vietnamMinute();
	return { start: (m + 1380) % 1440, end: (m + 60) % 1440 };
};
const awayFromNow = (): QuietHours => {
	const m = vietnamMinute();
	return { start: (m + 120) % 1440, end: (m + 180) % 1440 };
};

async function makeUser(tag: string) {
	const user = await db
		.insertInto('users')
		.values({ email: `quiet-${run}-${tag}@test.example`, name: `Người nhận ${tag}` })
		.returning(['id', 'email', 'name'])
		.executeTakeFirstOrThrow();
	const principal = {
		userId: user.id,
		email: user.email,
		name: user.name,
		locale: null,
		roles: []
	};
	return principal as unknown as Parameters<typeof saveNotificationSettings>[1];
}

async function queue(tag: string, userIds: number[]) {
	const batchKey = `test:${run}:${tag}`;
	await db.transaction().execute((trx) =>
		enqueueEmails(trx, {
			batchKey,
			kind: 'notice',
			recipients: sql`select id from users where id in (${sql.join(userIds)})`,
			subject: 'Thông báo',
			body: 'Nhà trường gửi thông báo.'
		})
	);
	return batchKey;
}

const rows = (batchKey: string) =>
	db
		.selectFrom('delivery_outbox')
		.select(['user_id', 'status', 'attempts', 'next_attempt_at'])
		.where('batch_key', '=', batchKey)
		.orderBy('user_id')
		.execute();

const runJob = (batchKey: string) =>
	deliverJob.run({
		db,
		job: { id: 0, kind: DELIVER_JOB, key: batchKey, payload: { batchKey }, attempt: 1 },
		signal: new AbortController().signal,
		progress: async () => {},
		cancelled: async () => false
	}) as Promise<Record<string, unknown>>;

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onRcptTo(address, _session, done) {
			arrived.push(address.address);
			done();
		},
		onData(stream, _session, done) {
			stream.resume();
			stream.on('end', () => done());
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.server.address() as { port: number }).port;
	transport = smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`);
	setMailTransport(transport);
});

afterAll(async () => {
	setMailTransport(undefined);
	transport.close?.(); // pooled connections (the default) stay open until closed
	await new Promise<void>((r) => server.close(() => r()));
	await close();
});

describe('the quiet hours rule', () => {
	it('the SQL function and the page’s rule agree, also across midnight', async () => {
		const ranges: QuietHours[] = [
			{ start: 1260, end: 390 },
			{ start: 720, end: 780 },
			{ start: 0, end: 1 },
			{ start: 1439, end: 0 }
		];
		// Vietnam 20:59:30, 21:00, 23:59:59, 00:00, 06:29:59, 06:30, 12:30:15 on one day
		const base = Date.UTC(2026, 11, 7) - 7 * 3600_000;
		const instants = [1259.5, 1260, 1439.99, 1440, 1829.99, 1830, 750.25].map(
			(min) => new Date(base + min * MINUTE)
		);
		for (const q of ranges)
			for (const at of instants) {
				const row = await sql<{ end: Date }>`
					select quiet_hours_end(${at.toISOString()}::timestamptz,
						${q.start}::smallint, ${q.end}::smallint) as "end"`.execute(db);
				const expected = quietHoursEnd(q, at);
				expect(
					new Date(row.rows[0].end).toISOString(),
					`${JSON.stringify(q)} ${at.toISOString()}`
				).toBe(expected.toISOString());
			}
		// 21:00-06:30 at 23:00 ends at 06:30 the next morning
		expect(quietHoursEnd(ranges[0], new Date(base + 1380 * MINUTE)).toISOString()).toBe(
			new Date(base + 1830 * MINUTE).toISOString()
		);
	});

	it('keeps the database rules: both or neither, never the same start and end', async () => {
		const user = await makeUser('rules');
		const insert = (start: number | null, end: number | null) =>
			db
				.insertInto('notification_preferences')
				.values({ user_id: user.userId, quiet_start: start, quiet_end: end })
				.execute();
		await expect(insert(600, null)).rejects.toThrow();
		await expect(insert(600, 600)).rejects.toThrow();
		await expect(insert(0, 1440)).rejects.toThrow();
		await saveNotificationSettings(db, user, ['notice'], { start: 1260, end: 390 });
		expect((await notificationSettings(db, user)).quiet).toEqual({ start: 1260, end: 390 });
		await saveNotificationSettings(db, user, ['notice'], null);
		expect((await notificationSettings(db, user)).quiet).toBeNull();
	});
});

describe('e-mail and quiet hours', () => {
	it('an e-mail queued inside the recipient’s quiet hours is due at their end; others go at once', async () => {
		const quiet = await makeUser('before-quiet');
		const awake = await makeUser('before-awake');
		const hours = aroundNow();
		await saveNotificationSettings(db, quiet, ['notice'], hours);
		await saveNotificationSettings(db, awake, ['notice'], awayFromNow());
		const before = new Date();
		const batchKey = await queue('before', [quiet.userId, awake.userId]);
		const [q, a] = await rows(batchKey);
		expect(new Date(q.next_attempt_at).toISOString()).toBe(
			quietHoursEnd(hours, before).toISOString()
		);
		expect(new Date(a.next_attempt_at).getTime()).toBeLessThanOrEqual(Date.now());
		arrived.length = 0;
		const result = await runJob(batchKey);
		expect(result).toMatchObject({ sent: 1, remaining: 1 });
		expect(arrived).toEqual([awake.email]);
	});

	it('quiet hours set after the e-mail was queued: the job moves it to their end, counts no attempt and does not fail', async () => {
		const user = await makeUser('after');
		await saveNotificationSettings(db, user, ['notice'], null);
		const batchKey = await queue('after', [user.userId]);
		const hours = aroundNow();
		await saveNotificationSettings(db, user, ['notice'], hours);
		arrived.length = 0;
		const now = new Date();
		const result = await runJob(batchKey);
		expect(result).toMatchObject({ sent: 0, failed: 0, remaining: 1, postponed: 1 });
		expect(arrived).toEqual([]);
		const [row] = await rows(batchKey);
		expect(row).toMatchObject({ status: 'pending', attempts: 0 });
		const end = quietHoursEnd(hours, now);
		expect(new Date(row.next_attempt_at).toISOString()).toBe(end.toISOString());
		// the job queued its own follow-up for that instant instead of failing
		const followUp = await db
			.selectFrom('jobs')
			.select(['status', 'run_at', 'key'])
			.where('kind', '=', DELIVER_JOB)
			.where('key', '=', `${batchKey}@${end.toISOString()}`)
			.executeTakeFirstOrThrow();
		expect(followUp.status).toBe('queued');
		expect(new Date(followUp.run_at).toISOString()).toBe(end.toISOString());
		// running again changes nothing (not due yet; no second follow-up)
		expect(await runJob(batchKey)).toMatchObject({ sent: 0, postponed: 0, remaining: 1 });
		// the quiet hours are over (here: the user removes them, and the time comes)
		await saveNotificationSettings(db, user, ['notice'], awayFromNow());
		await db
			.updateTable('delivery_outbox')
			.set({ next_attempt_at: sql`now() - interval '1 second'` })
			.where('batch_key', '=', batchKey)
			.execute();
		expect(await runJob(batchKey)).toMatchObject({ sent: 1, remaining: 0 });
		expect(arrived).toEqual([user.email]);
		const [sent] = await rows(batchKey);
		expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
	});
});
