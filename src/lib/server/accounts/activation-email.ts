import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import * as m from '$lib/paraglide/messages';
import type { DB } from '../db';
import { enqueueJob } from '../jobs/queue';
import { DELIVER_JOB, emailEnabled, portalUrl } from '../messages/outbox';
import type { CodeHasher } from './codes';

/**
 * The e-mail step of an activation with an e-mail address (issue 8, item 10). A slip's code is
 * either real (a new account) or a decoy (the address already had an account: `issueDecoy`);
 * whoever holds the slip (the school printed it) must not tell them apart by trying the code. So
 * with an e-mail login and e-mail on (SMTP_URL), /activate answers both alike, "we sent an e-mail
 * to the address", and only the mailbox's owner sees the difference:
 * - a real code: the e-mail holds a one-day link (`/activate/confirm?t=…`, the token kept as its
 *   SHA-256 with the chosen password's hash on the code's row); opening it and typing the same
 *   password finishes the activation (`confirmActivation` in activation.ts);
 * - a decoy of a pending request: the e-mail tells the account's owner to sign in and accept the
 *   invitation at /account/links (a withheld request: nothing is sent).
 * These e-mails are transactional: they do not wait for an opt-in (notification_preferences).
 */
export const CONFIRM_HOURS = 24;

export const byEmailStep = (login: string) => login.includes('@') && emailEnabled();

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface DecoyHit {
	id: number;
	status: string;
	schoolName: string;
}

/** The open invitation of the user whose slip carries `code` as a decoy, if any. */
export async function matchingDecoy(
	db: DB,
	hasher: CodeHasher,
	userId: number,
	code: string
): Promise<DecoyHit | undefined> {
	const row = await db
		.selectFrom('guardian_link_requests as q')
		.innerJoin('schools as s', 's.id', 'q.school_id')
		.select(['q.id', 'q.status', 's.name as schoolName'])
		.where('q.user_id', '=', userId)
		.where('q.code_hash', '=', hasher(code))
		.where('q.code_expires_at', '>', sql<Date>`now()`)
		.where('q.status', 'in', ['pending', 'withheld', 'refused'])
		.executeTakeFirst();
	return row;
}

interface Mail {
	batchKey: string;
	userId: number;
	email: string;
	subject: string;
	body: string;
}

/** Queues one transactional e-mail and its delivery job (one transaction). */
async function queueMail(db: DB, mail: Mail) {
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('delivery_outbox')
			.values({
				batch_key: mail.batchKey,
				user_id: mail.userId,
				email: mail.email,
				subject: mail.subject,
				body: mail.body
			})
			.onConflict((oc) => oc.columns(['batch_key', 'user_id']).doNothing())
			.execute();
		await enqueueJob(trx, {
			kind: DELIVER_JOB,
			key: mail.batchKey,
			payload: { batchKey: mail.batchKey },
			maxAttempts: 10
		});
	});
}

type Locale = 'vi' | 'en';
const mailBody = (what: string, path: string) => [what, '', portalUrl(path)].join('\n');
interface Account {
	id: number;
	email: string | null;
	locale: Locale;
}

/** A real code: keeps the link's token and the password's hash, e-mails the link. */
export async function emailConfirmLink(
	db: DB,
	user: Account,
	codeId: number,
	passwordHash: string
) {
	const token = randomBytes(32).toString('base64url');
	const hash = tokenHash(token);
	await db
		.updateTable('activation_codes')
		.set({
			confirm_hash: hash,
			confirm_password_hash: passwordHash,
			confirm_until: sql<Date>`now() + make_interval(hours => ${CONFIRM_HOURS})`
		})
		.where('id', '=', codeId)
		.execute();
	const locale = { locale: user.locale };
	await queueMail(db, {
		batchKey: `activate:${hash.slice(0, 16)}`,
		userId: user.id,
		email: user.email ?? '',
		subject: m.accounts_mail_confirm_subject({}, locale),
		body: mailBody(
			m.accounts_mail_confirm_body({ hours: String(CONFIRM_HOURS) }, locale),
			`/activate/confirm?t=${token}`
		)
	});
}

/** A decoy: the account's owner is told to sign in and accept (nothing for a withheld one). */
export async function emailSignInAndAccept(db: DB, user: Account, hit: DecoyHit) {
	const locale = { locale: user.locale };
	const body = mailBody(
		m.accounts_mail_accept_body({ school: hit.schoolName }, locale),
		'/account/links'
	);
	const mail = {
		batchKey: `activate-decoy:${hit.id}:${randomBytes(8).toString('hex')}`,
		userId: user.id,
		email: user.email ?? '',
		subject: m.accounts_mail_accept_subject({}, locale),
		body
	};
	// The same work in both cases (the answer's time says nothing); only a pending one is sent.
	if (hit.status === 'pending') await queueMail(db, mail);
	else
		await db
			.selectFrom('delivery_outbox')
			.select('id')
			.where('batch_key', '=', mail.batchKey)
			.execute();
}
