import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportOwnData } from '../../src/lib/server/accounts/export';
import type { DB } from '../../src/lib/server/db';
import { reply, startAsParent } from '../../src/lib/server/messages/conversations';
import {
	deliverBatch,
	outboxMessageId,
	retryDelayMs,
	type MailTransport,
	type OutgoingMail
} from '../../src/lib/server/messages/delivery';
import {
	DELIVER_JOB,
	enqueueEmails,
	setMailTransport,
	smtpTransport
} from '../../src/lib/server/messages/outbox';
import { parentRecipients } from '../../src/lib/server/messages/recipients';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The e-mail outbox: written in the caller's transaction for the users who opted in, sent by the
 * 'messages.deliver' job through a transport, each e-mail once even with two processes at once or
 * a process killed with SIGKILL in the middle of a batch; failures retried, then dead.
 */
let db: DB;
let close: () => Promise<void>;
let dir: string;
const run = `${Date.now()}-${process.pid}`;
const FROM = 'Trường Số <no-reply@truongso.invalid>';
/** e-mails recorded by a fake transport (Message-IDs) */
const recorder = (into: string[], fail?: (m: OutgoingMail) => boolean): MailTransport => ({
	async send(mail) {
		if (fail?.(mail)) throw new Error('550 mailbox unavailable');
		into.push(mail.messageId);
	}
});

/** Users made by this test: `count` who opted in to notice e-mails and one who did not. */
async function makeUsers(tag: string, count: number) {
	const rows = await db
		.insertInto('users')
		.values(
			Array.from({ length: count + 1 }, (_, i) => ({
				email: `outbox-${run}-${tag}-${i}@test.example`,
				name: `Người nhận ${i}`
			}))
		)
		.returning('id')
		.execute();
	await db
		.insertInto('notification_preferences')
		.values(rows.slice(0, count).map((r) => ({ user_id: r.id, email_kinds: ['notice'] })))
		.execute();
	return sql`select id from users where email like ${`outbox-${run}-${tag}-%`}`;
}

async function queue(tag: string, count: number) {
	const recipients = await makeUsers(tag, count);
	const batchKey = `test:${run}:${tag}`;
	const queued = await db.transaction().execute((trx) =>
		enqueueEmails(trx, {
			batchKey,
			kind: 'notice',
			recipients,
			subject: 'Thông báo mới: họp phụ huynh',
			body: 'Nhà trường gửi thông báo.'
		})
	);
	expect(queued).toBe(count);
	const ids = await db
		.selectFrom('delivery_outbox')
		.select('id')
		.where('batch_key', '=', batchKey)
		.orderBy('id')
		.execute();
	return { batchKey, messageIds: ids.map((r) => outboxMessageId(r.id)) };
}

const statuses = (batchKey: string) =>
	db
		.selectFrom('delivery_outbox')
		.select(['status', 'attempts', 'last_error'])
		.where('batch_key', '=', batchKey)
		.orderBy('id')
		.execute();

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
	({ db, close } = connectTestDb(4));
	dir = mkdtempSync(path.join(tmpdir(), 'trs-outbox-'));
	setMailTransport(recorder([]));
});
afterAll(async () => {
	setMailTransport(undefined);
	await close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the e-mail outbox', () => {
	it('queues e-mails with their job in the caller’s transaction, only for those who opted in', async () => {
		const recipients = await makeUsers('tx', 3);
		const batchKey = `test:${run}:tx`;
		await inRolledBackTransaction(db, async (trx) => {
			const queued = await enqueueEmails(trx, {
				batchKey,
				kind: 'notice',
				recipients,
				subject: 's',
				body: 'b'
			});
			expect(queued).toBe(3);
			const job = await trx
				.selectFrom('jobs')
				.select(['kind', 'status'])
				.where('key', '=', batchKey)
				.executeTakeFirst();
			expect(job).toEqual({ kind: DELIVER_JOB, status: 'queued' });
			// another category: nobody opted in to it
			expect(
				await enqueueEmails(trx, {
					batchKey: `${batchKey}:m`,
					kind: 'message',
					recipients,
					subject: 's',
					body: 'b'
				})
			).toBe(0);
		});
		// rolled back: neither the e-mails nor the job remain
		expect(await statuses(batchKey)).toEqual([]);
		expect(await db.selectFrom('jobs').select('id').where('key', '=', batchKey).execute()).toEqual(
			[]
		);
		// e-mail off (no SMTP_URL): nothing is queued
		setMailTransport(null);
		try {
			expect(
				await db
					.transaction()
					.execute((trx) =>
						enqueueEmails(trx, { batchKey, kind: 'notice', recipients, subject: 's', body: 'b' })
					)
			).toBe(0);
		} finally {
			setMailTransport(recorder([]));
		}
	});

	it('a process killed with SIGKILL in the middle of a batch loses and duplicates nothing', async () => {
		const { batchKey, messageIds } = await queue('kill', 9);
		const file = path.join(dir, 'child.txt');
		const child = spawn(
			'npx',
			['tsx', 'tests/helpers/deliver-child.ts', inject('databaseUrl'), batchKey, file, '5'],
			{ stdio: 'ignore' }
		);
		const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);
		// wait until it has handed 5 e-mails over and marked them, and hangs on the 6th
		for (;;) {
			const sent = (await statuses(batchKey)).filter((r) => r.status === 'sent').length;
			if (lines().length === 5 && sent === 5) break;
			expect(child.exitCode, 'the child ended early').toBeNull();
			await pause(100);
		}
		child.kill('SIGKILL');
		await new Promise((r) => child.once('exit', r));

		const after: string[] = [];
		for (;;) {
			const result = await deliverBatch(db, batchKey, recorder(after), {
				from: FROM,
				leaseMs: 1500
			});
			if (result.remaining === 0) break;
			await pause(200); // the killed process's claims end with their lease
		}
		const all = [...lines(), ...after];
		expect(all.length).toBe(messageIds.length);
		expect(new Set(all)).toEqual(new Set(messageIds));
		const rows = await statuses(batchKey);
		expect(rows.every((r) => r.status === 'sent')).toBe(true);
		// the 6th to 8th e-mails were claimed by the killed process (not sent), then again
		expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 1]);
	}, 120_000);

	it('two processes sending the same batch at once send each e-mail once', async () => {
		const { batchKey, messageIds } = await queue('two', 30);
		const other = connectTestDb(2);
		try {
			const sent: string[] = [];
			const [a, b] = await Promise.all([
				deliverBatch(db, batchKey, recorder(sent), { from: FROM, batchSize: 3 }),
				deliverBatch(other.db, batchKey, recorder(sent), { from: FROM, batchSize: 3 })
			]);
			expect(a.sent + b.sent).toBe(30);
			expect(sent.length).toBe(30);
			expect(new Set(sent)).toEqual(new Set(messageIds));
		} finally {
			await other.close();
		}
	});

	it('several e-mails at once (concurrency) still send each once and mark each sent or failed', async () => {
		const { batchKey, messageIds } = await queue('lanes', 23);
		const sent: string[] = [];
		let inFlight = 0;
		let most = 0;
		const transport: MailTransport = {
			async send(mail) {
				inFlight++;
				most = Math.max(most, inFlight);
				await pause(5);
				inFlight--;
				if (mail.messageId === messageIds[7]) throw new Error('451 try later');
				sent.push(mail.messageId);
			}
		};
		const result = await deliverBatch(db, batchKey, transport, {
			from: FROM,
			batchSize: 10,
			concurrency: 4
		});
		expect(result).toMatchObject({ sent: 22, failed: 1, remaining: 1 });
		expect(most).toBe(4);
		expect(sent.length).toBe(22);
		expect(new Set(sent)).toEqual(new Set(messageIds.filter((_, i) => i !== 7)));
		const rows = await statuses(batchKey);
		expect(rows.filter((r) => r.status === 'sent')).toHaveLength(22);
		expect(rows.filter((r) => r.status === 'pending' && r.last_error)).toHaveLength(1);
	});

	it('retries a refused e-mail with growing delays, then keeps it as dead with its error', async () => {
		const { batchKey } = await queue('retry', 3);
		const bad = `outbox-${run}-retry-1@test.example`;
		const sent: string[] = [];
		const transport: MailTransport = {
			async send(mail) {
				if (mail.to === bad) throw new Error('550 mailbox unavailable');
				sent.push(mail.messageId);
			}
		};
		let result = await deliverBatch(db, batchKey, transport, { from: FROM });
		expect(result).toMatchObject({ sent: 2, failed: 1, remaining: 1, postponed: 0 });
		// not due yet: nothing is attempted
		expect(await deliverBatch(db, batchKey, transport, { from: FROM })).toMatchObject({
			sent: 0,
			failed: 0,
			remaining: 1
		});
		for (let attempt = 2; attempt <= 5; attempt++) {
			await db
				.updateTable('delivery_outbox')
				.set({ next_attempt_at: sql`now() - interval '1 second'` })
				.where('batch_key', '=', batchKey)
				.where('status', '=', 'pending')
				.execute();
			result = await deliverBatch(db, batchKey, transport, { from: FROM });
		}
		expect(result.remaining).toBe(0);
		expect((await statuses(batchKey))[1]).toEqual({
			status: 'dead',
			attempts: 5,
			last_error: '550 mailbox unavailable'
		});
		expect(sent.length).toBe(2);
		expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
	});

	it('sends through nodemailer to an SMTP server', async () => {
		const arrived: string[] = [];
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, _session, done) {
				let text = '';
				stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
				stream.on('end', () => {
					arrived.push(text);
					done();
				});
			}
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const port = (server.server.address() as { port: number }).port;
		const transport = smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`);
		try {
			const { batchKey, messageIds } = await queue('smtp', 2);
			expect(await deliverBatch(db, batchKey, transport, { from: FROM })).toMatchObject({
				sent: 2,
				remaining: 0
			});
			expect(arrived.length).toBe(2);
			for (const id of messageIds) expect(arrived.join('\n')).toContain(`Message-ID: ${id}`);
			expect(arrived[0]).toMatch(/Subject: =\?UTF-8\?/);
		} finally {
			transport.close?.(); // pooled connections (the default) stay open until closed
			await new Promise<void>((r) => server.close(() => r()));
		}
	});

	it('a reply is e-mailed to the other side’s participants who opted in, never to the sender', async () => {
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const child = (await parentRecipients(db, parent)).find((k) => k.className === '8A')!;
		await db
			.insertInto('notification_preferences')
			.values(
				[parent.userId, teacher.userId].map((id) => ({ user_id: id, email_kinds: ['message'] }))
			)
			.onConflict((oc) => oc.column('user_id').doUpdateSet({ email_kinds: ['message'] }))
			.execute();
		try {
			const conversation = {
				id: await startAsParent(
					db,
					{ principal: parent, requestId: 'outbox-test' },
					{
						to: { kind: 'homeroom', studentId: child.studentId, subjectId: null },
						title: 'Hỏi lịch họp',
						body: 'Thưa cô, khi nào họp phụ huynh?'
					}
				)
			};
			const id = await reply(db, teacher, 'staff', conversation.id, 'Cô đã nhận được.');
			const rows = await db
				.selectFrom('delivery_outbox')
				.select(['user_id', 'batch_key', 'subject', 'body'])
				.where('batch_key', 'like', `message:${id}:%`)
				.execute();
			expect(rows.map((r) => [r.user_id, r.batch_key])).toEqual([
				[parent.userId, `message:${id}:family`]
			]);
			expect(rows[0].subject).toContain('Tin nhắn mới');
			expect(rows[0].body).toContain(`/parent/messages/${conversation.id}`);
			expect(rows[0].body).not.toContain('Cô đã nhận được.');
			// the parent's own data export carries the conversation's messages
			const own = await exportOwnData(db, parent);
			expect(own.messages.map((x) => x.body)).toEqual(
				expect.arrayContaining(['Thưa cô, khi nào họp phụ huynh?', 'Cô đã nhận được.'])
			);
		} finally {
			await db
				.deleteFrom('notification_preferences')
				.where('user_id', 'in', [parent.userId, teacher.userId])
				.execute();
		}
	});
});
