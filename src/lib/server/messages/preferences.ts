import { sql } from 'kysely';
import type { QuietHours } from '../../messages/quiet-hours';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import { emailEnabled, type EmailKind } from './outbox';
import { vapidKeys } from './push-keys';
import { pushSubscriptionCount } from './push-subscriptions';

/**
 * A user's notification channels: the portal always; e-mail per category when they opt in (and
 * have an e-mail address, and the portal sends e-mail at all); Web Push per category to the
 * browsers they subscribed (migration 0310); quiet hours (migration 0240) in
 * which nothing is sent to them, what falls due then going out at their end (`quiet_hours_end` in
 * the outbox's SQL).
 */
export interface NotificationSettings {
	emailKinds: EmailKind[];
	/** the categories also sent by Web Push to the user's subscribed browsers (migration 0310) */
	pushKinds: EmailKind[];
	/** how many browsers of the user are subscribed */
	pushBrowsers: number;
	/** the portal's VAPID public key, for the browser's subscription */
	pushPublicKey: string;
	/** the address e-mails go to; null for an account with a phone number only */
	email: string | null;
	/** whether this portal sends e-mail (SMTP_URL) */
	emailOn: boolean;
	quiet: QuietHours | null;
}

export async function notificationSettings(
	db: DB,
	principal: Principal
): Promise<NotificationSettings> {
	const row = await db
		.selectFrom('users as u')
		.leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
		.select(['u.email', 'p.email_kinds', 'p.push_kinds', 'p.quiet_start', 'p.quiet_end'])
		.where('u.id', '=', principal.userId)
		.executeTakeFirstOrThrow();
	return {
		emailKinds: (row.email_kinds ?? []) as EmailKind[],
		pushKinds: (row.push_kinds ?? []) as EmailKind[],
		pushBrowsers: await pushSubscriptionCount(db, principal),
		pushPublicKey: (await vapidKeys(db)).publicKey,
		email: row.email,
		emailOn: emailEnabled(),
		quiet:
			row.quiet_start === null || row.quiet_end === null
				? null
				: { start: row.quiet_start, end: row.quiet_end }
	};
}

/**
 * Saves the caller's e-mail categories and quiet hours (an upsert: two submissions at once leave
 * one row). E-mails already queued follow the new quiet hours when the delivery job sends them.
 */
export async function saveNotificationSettings(
	db: DB,
	principal: Principal,
	emailKinds: EmailKind[],
	quiet: QuietHours | null = null,
	pushKinds?: EmailKind[]
): Promise<void> {
	const kinds = [...new Set(emailKinds)].sort();
	const values = {
		email_kinds: kinds,
		...(pushKinds ? { push_kinds: [...new Set(pushKinds)].sort() } : {}),
		quiet_start: quiet?.start ?? null,
		quiet_end: quiet?.end ?? null
	};
	await db
		.insertInto('notification_preferences')
		.values({ user_id: principal.userId, ...values })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
		.execute();
}
