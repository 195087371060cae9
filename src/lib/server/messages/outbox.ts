import { sql, type Kysely, type RawBuilder } from 'kysely';
import nodemailer from 'nodemailer';
import * as m from '$lib/paraglide/messages';
import { getConfig } from '../config';
import type { Database } from '../db/schema';
import { enqueueJob } from '../jobs/queue';
import type { JobHandler } from '../jobs/types';
import { logger } from '../logger';
import { deliverBatch, type MailTransport } from './delivery';

/**
 * E-mail of the messages module. The portal's inbox always shows everything; a user may also get
 * an e-mail per category ('message', 'notice', 'auto'), opt-in (notification_preferences). No SMS:
 * parents pay nothing. `enqueueEmails` writes the batch's e-mails and its 'messages.deliver' job in
 * the caller's transaction (the transactional outbox); the job sends them (delivery.ts).
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
	if (!configured || configured.url !== url) configured = { url, transport: transportFor(url) };
	return configured.transport;
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

/** A transport sending through an SMTP server with nodemailer (`smtp://`, `smtps://` URL). */
export function smtpTransport(url: string): MailTransport {
	const smtp = nodemailer.createTransport(url);
	return {
		async send(mail) {
			await smtp.sendMail(mail);
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

/** Queues the batch's e-mails for the recipients who opted in (in the caller's transaction). */
export async function enqueueEmails(trx: Kysely<Database>, batch: EmailBatch): Promise<number> {
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
	const queued = Number(result.numAffectedRows ?? 0);
	if (queued > 0)
		await enqueueJob(trx, {
			kind: DELIVER_JOB,
			key: batch.batchKey,
			payload: { batchKey: batch.batchKey },
			runAt: batch.notBefore,
			maxAttempts: 10
		});
	return queued;
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
 * Sends a batch's due e-mails. Rows still waiting (a retry's backoff, a recipient's quiet hours, a
 * killed process's lease) are not a failure of the job: it queues its own follow-up for the
 * earliest of them (key `<batch>@<instant>`, so two processes queue it once) and succeeds.
 */
export const deliverJob: JobHandler<{ batchKey: string }> = {
	kind: DELIVER_JOB,
	async run({ db, job, signal }) {
		const transport = mailTransport();
		if (!transport) return { skipped: 'e-mail is off (SMTP_URL unset)' };
		const batchKey = job.payload.batchKey;
		const result = await deliverBatch(db, batchKey, transport, {
			from: getConfig().MAIL_FROM,
			signal
		});
		if (result.remaining === 0 || !result.nextAt) return result;
		await enqueueJob(db, {
			kind: DELIVER_JOB,
			key: `${batchKey}@${result.nextAt.toISOString()}`,
			payload: { batchKey },
			runAt: result.nextAt,
			maxAttempts: 10
		});
		return { ...result, nextAt: result.nextAt.toISOString() };
	},
	retryDelayMs: (attempt) => Math.min(60_000 * 2 ** (attempt - 1), 6 * 3600_000)
};
