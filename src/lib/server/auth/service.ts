import type { DB } from '../db';
import { writeAudit } from '../audit';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import {
	accountKey,
	clearFailures,
	ipKey,
	lockedUntil,
	recordFailure,
	THROTTLE
} from './rate-limit';
import {
	createSession,
	generateSessionToken,
	invalidateUserSessions,
	type SessionInfo
} from './session';

export type SignInResult =
	| { ok: true; token: string; session: SessionInfo; userId: number; locale: 'vi' | 'en' }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; until: Date };

/**
 * Email + password sign-in. Unknown e-mail and wrong password get the same answer and take the
 * same time (no account enumeration); failures are throttled per account and per IP address.
 */
export async function signIn(
	db: DB,
	input: {
		email: string;
		password: string;
		ip: string;
		userAgent: string | null;
		sessionDays: number;
	}
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const keys = [accountKey(email), ipKey(input.ip)];
	const locked = await lockedUntil(db, keys);
	if (locked) return { ok: false, reason: 'locked', until: locked };

	const user = await db
		.selectFrom('users')
		.select(['id', 'password_hash', 'active', 'locale'])
		.where((eb) => eb(eb.fn('lower', ['email']), '=', email))
		.executeTakeFirst();
	let valid = false;
	if (user?.password_hash && user.active)
		valid = await verifyPassword(user.password_hash, input.password);
	else await burnPasswordCheck(input.password);

	if (!valid || !user) {
		await recordFailure(db, keys[0], THROTTLE.accountLimit);
		await recordFailure(db, keys[1], THROTTLE.ipLimit);
		const nowLocked = await lockedUntil(db, keys);
		return nowLocked
			? { ok: false, reason: 'locked', until: nowLocked }
			: { ok: false, reason: 'invalid' };
	}
	await clearFailures(db, keys[0]);
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, {
		ip: input.ip,
		userAgent: input.userAgent,
		days: input.sessionDays
	});
	await db
		.updateTable('users')
		.set({ last_login_at: new Date() })
		.where('id', '=', user.id)
		.execute();
	return { ok: true, token, session, userId: user.id, locale: user.locale };
}

export async function changePassword(
	db: DB,
	userId: number,
	currentSessionId: string,
	current: string,
	next: string
): Promise<'ok' | 'wrong_password'> {
	const user = await db
		.selectFrom('users')
		.select('password_hash')
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	if (!user.password_hash || !(await verifyPassword(user.password_hash, current)))
		return 'wrong_password';
	const passwordHash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('users')
			.set((eb) => ({
				password_hash: passwordHash,
				updated_at: new Date(),
				updated_by: userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', userId)
			.execute();
		await invalidateUserSessions(trx, userId, currentSessionId);
		await writeAudit(trx, {
			actorUserId: userId,
			action: 'password.change',
			entity: 'user',
			entityId: userId
		});
	});
	return 'ok';
}

export async function setUserLocale(db: DB, userId: number, locale: 'vi' | 'en'): Promise<void> {
	await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}
