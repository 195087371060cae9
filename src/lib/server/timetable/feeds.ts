import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import { addDays, todayIso, weekStart } from '../../dates';
import type { Database } from '../db/schema';
import { writeAudit, type Actor } from '../audit';
import { loadRoles, type Principal } from '../auth/session';

type Db = Kysely<Database>;

/**
 * The private calendar link of a user (one per user): a random secret shown once, only its
 * SHA-256 stored (as the API tokens). A new link replaces the old one; revoking deletes it. The
 * feed answers with what the user may see now (their roles are read at each fetch).
 */
const PREFIX = 'ttf_';
export const FEED_TOKEN = /^ttf_[a-z2-7]{32}$/;

export const hashFeedToken = (token: string) =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

function newFeedToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

/** Makes (or remakes) the caller's link; the old one stops working. Returns the new secret. */
export async function createFeed(db: Db, actor: Actor): Promise<string> {
	const token = newFeedToken();
	const userId = actor.principal.userId;
	await db.transaction().execute(async (trx) => {
		const old = await trx
			.insertInto('timetable_feeds')
			.values({ user_id: userId, token_hash: hashFeedToken(token) })
			.onConflict((oc) =>
				oc
					.column('user_id')
					.doUpdateSet({ token_hash: hashFeedToken(token), created_at: new Date() })
			)
			.returning('user_id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: userId,
			action: 'timetable.feed_created',
			entity: 'timetable_feed',
			entityId: old.user_id,
			requestId: actor.requestId
		});
	});
	return token;
}

/** Deletes the caller's link; false when there was none. */
export async function revokeFeed(db: Db, actor: Actor): Promise<boolean> {
	const userId = actor.principal.userId;
	return db.transaction().execute(async (trx) => {
		const gone = await trx
			.deleteFrom('timetable_feeds')
			.where('user_id', '=', userId)
			.returning('user_id')
			.executeTakeFirst();
		if (!gone) return false;
		await writeAudit(trx, {
			actorUserId: userId,
			action: 'timetable.feed_revoked',
			entity: 'timetable_feed',
			entityId: userId,
			requestId: actor.requestId
		});
		return true;
	});
}

/** When the caller's link was made, or null when they have none. */
export async function feedCreatedAt(db: Db, userId: number): Promise<Date | null> {
	const row = await db
		.selectFrom('timetable_feeds')
		.select('created_at')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.created_at ?? null;
}

/** The active user a link's secret stands for, with their roles now; null for anything else. */
export async function feedPrincipal(db: Db, token: string): Promise<Principal | null> {
	if (!FEED_TOKEN.test(token)) return null;
	const user = await db
		.selectFrom('timetable_feeds as f')
		.innerJoin('users as u', 'u.id', 'f.user_id')
		.select(['u.id', 'u.email', 'u.name', 'u.locale'])
		.where('f.token_hash', '=', hashFeedToken(token))
		.where('u.active', '=', true)
		.executeTakeFirst();
	if (!user) return null;
	return {
		userId: user.id,
		email: user.email,
		name: user.name,
		locale: user.locale,
		roles: await loadRoles(db, user.id)
	};
}

/** The weeks a feed holds: the last one, this one and the next three (their Mondays). */
export function feedWeeks(today = todayIso()): string[] {
	const monday = weekStart(today);
	return [-1, 0, 1, 2, 3].map((w) => addDays(monday, 7 * w));
}
