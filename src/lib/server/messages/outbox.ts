import { sql, type Kysely, type RawBuilder } from 'kysely';
import nodemailer from 'nodemailer';
import * as m from '$lib/paraglide/messages';
import { getConfig } from '../config';
import type { Database } from '../db/schema';
import { enqueueJob } from '../jobs/queue';
import type { JobHandler } from '../jobs/types';
import { logger } from '../logger';
import {
	deliverBatch,
	EMAIL_CONCURRENCY,
	type DeliveryResult,
	type MailTransport
} from './delivery';
import { deliverPushBatch, webPushSender } from './push-delivery';
import { vapidKeys } from './push-keys';

/**
 * E-mail and Web Push of the messages module. The portal's inbox always shows everything; a user
 * may also get an e-mail and/or a push notification per category ('message', 'notice', 'auto'),
 * opt-in (notification_preferences). No SMS: parents pay nothing. `enqueueDelivery` writes the
 * batch's e-mails (delivery_outbox) and push notifications (push_outbox, one per subscribed
 * browser) and its one 'messages.deliver' job in the caller's transaction (the transactional
 * outbox); the job sends both (delivery.ts, push-delivery.ts).
 * The transport comes from SMTP_URL (nodemailer), or "log" for the demo; unset: e-mail is off and
 * nothing is queued. E-mails say what happened and link to the portal; a message's text stays in
 * the portal (data minimisation, Law 91/2025).
 */
export type EmailKind = 'message' | 'notice' | 'auto';
export const EMAIL_KINDS: EmailKind[] = ['message', 'notice', 'auto'];
export const DELIVER_JOB = 'messages.deliver';

let override: { transport: MailTransport | null } | undefined;

/** Tests replace the transport (null: e-mail off); `undefined` goes back to the configuration. */
export function setMailTransport(transport: MailTransport | null | undefined) {
	override = transport === undefined ? undefined : { transport };
}

let configured: { url: string | undefined; transport: MailTransport | null } | undefined;

export function mailTransport(): MailTransport | null {
	if (override) return override.transport;
	const url = getConfig().SMTP_URL;
	if (!configured || configured.url !== url) {
		configured?.transport?.close?.();
		configured = { url, transport: transportFor(url) };
	}
	return configured.transport;
}

/** Closes the SMTP connections the pool keeps open, so that a stopping process can exit. */
export function closeMailTransport(): void {
	configured?.transport?.close?.();
	configured = undefined;
}

function transportFor(url: string | undefined): MailTransport | null {
	if (!url) return null;
	if (url === 'log')
		return {
			async send(mail) {
				logger.info(
					{ to: mail.to, subject: mail.subject, messageId: mail.messageId },
					'mail (log)'
				);
			}
		};
	return smtpTransport(url);
}

/**
 * The SMTP URL nodemailer is given: pooled connections (as many as the e-mails a delivery job sends
 * at once) unless the URL says `pool=…` itself. A connection per e-mail sent about 65 e-mails/s to a
 * local server, a pool of 8 about 700 (README, `bench:messages`).
 */
export function pooledSmtpUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return url; // nodemailer reads it, or says what is wrong with it
	}
	if (parsed.searchParams.has('pool')) return url;
	parsed.searchParams.set('pool', 'true');
	if (!parsed.searchParams.has('maxConnections'))
		parsed.searchParams.set('maxConnections', String(EMAIL_CONCURRENCY));
	return parsed.toString();
}

/** A transport sending through an SMTP server with nodemailer (`smtp://`, `smtps://` URL). */
export function smtpTransport(url: string): MailTransport {
	const smtp = nodemailer.createTransport(pooledSmtpUrl(url));
	return {
		async send(mail) {
			await smtp.sendMail(mail);
		},
		close() {
			smtp.close();
		}
	};
}

export const emailEnabled = () => mailTransport() !== null;

export interface EmailBatch {
	/** what the e-mails announce, e.g. 'message:12'; one e-mail per user and batch */
	batchKey: string;
	kind: EmailKind;
	/** the users told: a SELECT of one `user_id` column */
	recipients: RawBuilder<unknown>;
	subject: string;
	body: string;
	/**
	 * not sent before this instant (a teacher's next office hours); unset: at once. Each row waits
	 * further for the end of its recipient's quiet hours (migration 0240).
	 */
	notBefore?: Date;
}

/**
 * A notification of both channels: what happened (`text`, in the e-mail and the push
 * notification) and the page of the portal where it is (`path`).
 */
export interface DeliveryBatch extends Omit<EmailBatch, 'body'> {
	text: string;
	path: string;
}

const PUSH_TITLE_MAX = 200;
const PUSH_TEXT_MAX = 1000;

/**
 * The one call of every sender (messages, notices, automatic notices, official notices): queues
 * the batch's e-mails and push notifications for the recipients who opted in, and one
 * 'messages.deliver' job for both, in the caller's transaction.
 */
export async function enqueueDelivery(
	trx: Kysely<Database>,
	batch: DeliveryBatch
): Promise<{ emails: number; pushes: number }> {
	const emails = await insertEmails(trx, { ...batch, body: emailBody(batch.text, batch.path) });
	const pushes = await insertPushes(trx, batch);
	if (emails + pushes > 0) await enqueueDeliverJob(trx, batch);
	return { emails, pushes };
}

/** E-mails alone (the e-mail channel's tests); senders call `enqueueDelivery`. */
export async function enqueueEmails(trx: Kysely<Database>, batch: EmailBatch): Promise<number> {
	const queued = await insertEmails(trx, batch);
	if (queued > 0) await enqueueDeliverJob(trx, batch);
	return queued;
}

const enqueueDeliverJob = (trx: Kysely<Database>, batch: { batchKey: string; notBefore?: Date }) =>
	enqueueJob(trx, {
		kind: DELIVER_JOB,
		key: batch.batchKey,
		payload: { batchKey: batch.batchKey },
		runAt: batch.notBefore,
		maxAttempts: 10
	});

async function insertEmails(trx: Kysely<Database>, batch: EmailBatch): Promise<number> {
	if (!emailEnabled()) return 0;
	const due = batch.notBefore ?? sql`now()`;
	const result = await sql`insert into delivery_outbox
			(batch_key, user_id, email, subject, body, next_attempt_at)
		select ${batch.batchKey}, u.id, u.email, ${batch.subject}, ${batch.body},
			quiet_hours_end(${due}::timestamptz, p.quiet_start, p.quiet_end)
		from users u join notification_preferences p on p.user_id = u.id
		where u.id in (${batch.recipients}) and u.active and u.email is not null
			and ${batch.kind} = any(p.email_kinds)
		on conflict (batch_key, user_id) do nothing`.execute(trx);
	return Number(result.numAffectedRows ?? 0);
}

/** One push notification per subscribed browser of the recipients who opted in for the kind. */
async function insertPushes(trx: Kysely<Database>, batch: DeliveryBatch): Promise<number> {
	const due = batch.notBefore ?? sql`now()`;
	const result = await sql`insert into push_outbox
			(batch_key, user_id, subscription_id, kind, title, body, url, next_attempt_at)
		select ${batch.batchKey}, s.user_id, s.id, ${batch.kind},
			${batch.subject.slice(0, PUSH_TITLE_MAX)}, ${batch.text.slice(0, PUSH_TEXT_MAX)},
			${batch.path}, quiet_hours_end(${due}::timestamptz, p.quiet_start, p.quiet_end)
		from push_subscriptions s
			join users u on u.id = s.user_id
			join notification_preferences p on p.user_id = s.user_id
		where s.user_id in (${batch.recipients}) and u.active
			and ${batch.kind} = any(p.push_kinds)
		on conflict (batch_key, subscription_id) do nothing`.execute(trx);
	return Number(result.numAffectedRows ?? 0);
}

/** The portal's address for links in e-mails. */
export const portalUrl = (path: string) => `${getConfig().ORIGIN ?? ''}${path}`;

/** The e-mail text: what happened, where to read it, and how to stop these e-mails. */
export function emailBody(what: string, path: string): string {
	return [
		what,
		'',
		portalUrl(path),
		'',
		m.outbox_footer({}, { locale: 'vi' }),
		m.outbox_footer({}, { locale: 'en' })
	].join('\n');
}

/**
 * Sends a batch's due e-mails and push notifications. Rows still waiting (a retry's backoff, a
 * recipient's quiet hours, a killed process's lease) are not a failure of the job: it queues its
 * own follow-up for the earliest of them (key `<batch>@<instant>`, so two processes queue it
 * once) and succeeds. The e-mail figures stay at the top of the result, push ones under `push`.
 */
export const deliverJob: JobHandler<{ batchKey: string }> = {
	kind: DELIVER_JOB,
	async run({ db, job, signal }) {
		const batchKey = job.payload.batchKey;
		const transport = mailTransport();
		const email: DeliveryResult | null = transport
			? await deliverBatch(db, batchKey, transport, {
					from: getConfig().MAIL_FROM,
					concurrency: EMAIL_CONCURRENCY,
					signal
				})
			: null;
		const push = await deliverPushBatch(db, batchKey, webPushSender(await vapidKeys(db)), {
			signal
		});
		const nextAt = [email?.nextAt, push.nextAt]
			.filter((d): d is Date => d instanceof Date)
			.sort((a, b) => a.getTime() - b.getTime())[0];
		const result = {
			...(email ?? { skipped: 'e-mail is off (SMTP_URL unset)' }),
			push: { ...push, nextAt: push.nextAt?.toISOString() ?? null }
		};
		if ((email?.remaining ?? 0) + push.remaining === 0 || !nextAt) return result;
		await enqueueJob(db, {
			kind: DELIVER_JOB,
			key: `${batchKey}@${nextAt.toISOString()}`,
			payload: { batchKey },
			runAt: nextAt,
			maxAttempts: 10
		});
		return { ...result, nextAt: nextAt.toISOString() };
	},
	retryDelayMs: (attempt) => Math.min(60_000 * 2 ** (attempt - 1), 6 * 3600_000)
};
