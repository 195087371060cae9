// bench:messages, the sending side: a parent's reply through the page's service (`reply`: the
// message, the read receipt, the outbox) timed like the reads, and the e-mail outbox's delivery
// rate to a local SMTP server (`smtp-server` in this process; nodemailer with a connection per
// e-mail, then pooled as `SMTP_URL=smtp://…?pool=true` gives) with one and with two workers
// claiming the same batch (as two portal processes would). Printed, never asserted.
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import type { DB } from '../../src/lib/server/db';
import { loadRoles, type Principal } from '../../src/lib/server/auth/session';
import { reply } from '../../src/lib/server/messages/conversations';
import {
	deliverBatch,
	EMAIL_CONCURRENCY,
	type MailTransport
} from '../../src/lib/server/messages/delivery';
import {
	enqueueEmails,
	setMailTransport,
	smtpTransport
} from '../../src/lib/server/messages/outbox';

/** Parents with one of their conversations each (the reply's inputs), chosen at random. */
export async function parentConversations(db: DB, n: number) {
	const { rows } = await sql<{ user_id: number; conversation_id: number }>`
		select cp.user_id, cp.conversation_id from conversation_participants cp
		where cp.side = 'family' order by random() limit ${n}`.execute(db);
	return Promise.all(
		rows.map(async (r) => {
			const user = await db
				.selectFrom('users')
				.select(['id', 'email', 'name'])
				.where('id', '=', r.user_id)
				.executeTakeFirstOrThrow();
			const principal: Principal = {
				userId: user.id,
				email: user.email,
				name: user.name,
				locale: 'vi',
				roles: await loadRoles(db, user.id)
			};
			return { principal, conversationId: r.conversation_id };
		})
	);
}

export const sendReply = (db: DB, x: { principal: Principal; conversationId: number }) =>
	reply(db, x.principal, 'family', x.conversationId, 'Cảm ơn thầy/cô, gia đình đã nhận được.');

async function withSmtp<T>(run: (url: string, count: () => number) => Promise<T>): Promise<T> {
	let received = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, done) {
			stream.on('data', () => {});
			stream.on('end', () => {
				received++;
				done();
			});
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.server.address() as { port: number }).port;
	try {
		return await run(`smtp://127.0.0.1:${port}`, () => received);
	} finally {
		await new Promise((r) => server.close(r));
	}
}

/** Queues `emails` e-mails (parents opted in) and times their delivery with `workers` workers. */
async function deliveryRate(
	db: DB,
	url: string | null,
	emails: number,
	workers: number,
	tag: string
) {
	const { rows } = await sql<{ id: number }>`select id from users where email like 'ph%'
		order by id limit ${emails}`.execute(db);
	const ids = rows.map((r) => r.id);
	await sql`insert into notification_preferences (user_id, email_kinds)
		select id, array['notice'] from unnest(${ids}::int[]) id
		on conflict (user_id) do update set email_kinds = excluded.email_kinds`.execute(db);
	const batchKey = `bench:${tag}`;
	const transport = (): MailTransport => (url ? smtpTransport(url) : { async send() {} });
	setMailTransport(transport());
	await db.transaction().execute((trx) =>
		enqueueEmails(trx, {
			batchKey,
			kind: 'notice',
			recipients: sql`select id from unnest(${ids}::int[]) id`,
			subject: 'Thông báo mới: Họp phụ huynh',
			body: 'Nhà trường gửi thông báo. Đăng nhập cổng Trường Số để đọc.'
		})
	);
	const transports = Array.from({ length: workers }, transport);
	const t0 = performance.now();
	const results = await Promise.all(
		transports.map((t) =>
			deliverBatch(db, batchKey, t, {
				from: 'bench@truongso.invalid',
				concurrency: EMAIL_CONCURRENCY
			})
		)
	);
	const seconds = (performance.now() - t0) / 1000;
	const sent = results.reduce((n, r) => n + r.sent, 0);
	return { sent, seconds, rate: sent / seconds };
}

/** Prints the delivery rate of the outbox to a local SMTP server, one and two workers. */
export async function outboxRate(db: DB, emails: number) {
	await withSmtp(async (url, received) => {
		const base = await deliveryRate(db, null, emails, 1, 'db');
		console.log(
			`Outbox, database side only (a transport that accepts at once), 1 worker, ${EMAIL_CONCURRENCY} at a time: ${Math.round(base.rate)} e-mails/s`
		);
		const runs = [
			{ workers: 1, pooled: false },
			{ workers: 1, pooled: true },
			{ workers: 2, pooled: true }
		];
		for (const { workers, pooled } of runs) {
			const target = pooled
				? `${url}/?pool=true&maxConnections=${EMAIL_CONCURRENCY}`
				: `${url}/?pool=false`;
			const r = await deliveryRate(db, target, emails, workers, `w${workers}${pooled ? 'p' : ''}`);
			console.log(
				`Outbox to a local SMTP server, ${workers} worker(s), ${EMAIL_CONCURRENCY} at a time, ${pooled ? 'pooled connections (SMTP_URL …?pool=true)' : 'a connection per e-mail'}: ${r.sent} e-mails in ${r.seconds.toFixed(2)} s = ${Math.round(r.rate)} e-mails/s (server received ${received()} in all; target ≥ 500/s)`
			);
		}
	});
	setMailTransport(undefined);
}
