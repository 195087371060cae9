import { sql } from 'kysely';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import { emailEnabled, type EmailKind } from './outbox';

/**
 * A user's notification channels: the portal always; e-mail per category when they opt in (and
 * have an e-mail address, and the portal sends e-mail at all).
 */
export interface NotificationSettings {
	emailKinds: EmailKind[];
	/** the address e-mails go to; null for an account with a phone number only */
	email: string | null;
	/** whether this portal sends e-mail (SMTP_URL) */
	emailOn: boolean;
}

export async function notificationSettings(
	db: DB,
	principal: Principal
): Promise<NotificationSettings> {
	const row = await db
		.selectFrom('users as u')
		.leftJoin('notification_preferences as p', 'p.user_id', 'u.id')
		.select(['u.email', 'p.email_kinds'])
		.where('u.id', '=', principal.userId)
		.executeTakeFirstOrThrow();
	return {
		emailKinds: (row.email_kinds ?? []) as EmailKind[],
		email: row.email,
		emailOn: emailEnabled()
	};
}

/** Saves the caller's e-mail categories (an upsert: two submissions at once leave one row). */
export async function saveNotificationSettings(
	db: DB,
	principal: Principal,
	emailKinds: EmailKind[]
): Promise<void> {
	const kinds = [...new Set(emailKinds)].sort();
	await db
		.insertInto('notification_preferences')
		.values({ user_id: principal.userId, email_kinds: kinds })
		.onConflict((oc) =>
			oc.column('user_id').doUpdateSet({ email_kinds: kinds, updated_at: sql`now()` })
		)
		.execute();
}
