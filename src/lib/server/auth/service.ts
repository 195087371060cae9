import type { DB } from '../db';
import { writeAudit } from '../audit';
import { issueDeviceToken, trustedDeviceId } from './device';
import { parseLoginName } from '$lib/phone';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import {
	accountKey,
	deviceKey,
	ipKey,
	lockExhaustedKeys,
	releaseKeys,
	reserveKeys,
	THROTTLE,
	type ThrottleKey
} from './rate-limit';
import {
	createSession,
	generateSessionToken,
	invalidateUserSessions,
	type SessionInfo
} from './session';

export type SignInResult =
	| {
			ok: true;
			token: string;
			session: SessionInfo;
			userId: number;
			locale: 'vi' | 'en';
			/** The trusted-device cookie to set (see auth/device.ts). */
			device: string;
	  }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; until: Date };

export interface SignInInput {
	/** An e-mail address or a phone number in any of its written forms. */
	login: string;
	password: string;
	ip: string;
	userAgent: string | null;
	sessionDays: number;
	/** The browser's trusted-device cookie, if any. */
	device?: string | null;
}

/** The password check, replaceable in tests that count how many guesses were verified. */
export type PasswordVerifier = (hash: string, password: string) => Promise<boolean>;

type Key = ThrottleKey;

/**
 * The throttle keys of an attempt: a browser that signed in to the account before counts on its
 * own allowance (and is not held back by its address); any other on the account and its address.
 */
async function attemptKeys(
	db: DB,
	loginKey: string,
	ip: string,
	userId?: number,
	device?: string | null
) {
	const deviceId = userId === undefined ? null : await trustedDeviceId(db, userId, device);
	if (userId !== undefined && deviceId) {
		const keys: Key[] = [{ key: deviceKey(userId, deviceId), limit: THROTTLE.deviceLimit }];
		return { deviceId, keys };
	}
	const account = accountKey(loginKey);
	const keys: Key[] = [
		{ key: ipKey(ip), limit: THROTTLE.ipLimit, account },
		{ key: account, limit: THROTTLE.accountLimit }
	];
	return { deviceId: null, keys };
}

async function recordFailure(db: DB, keys: Key[]): Promise<SignInResult> {
	const until = await lockExhaustedKeys(db, keys);
	return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'invalid' };
}

/** The account of an e-mail address or a phone number (any written form), if there is one. */
export async function findAccount(db: DB, login: string) {
	const name = parseLoginName(login);
	if (!name) return undefined;
	return db
		.selectFrom('users')
		.select(['id', 'email', 'login_phone', 'password_hash', 'active', 'locale'])
		.where((eb) =>
			name.kind === 'email'
				? eb(eb.fn('lower', ['email']), '=', name.value)
				: eb('login_phone', '=', name.value)
		)
		.executeTakeFirst();
}

/**
 * The name an account's failures are counted under, whichever of its e-mail or phone number was
 * typed (one allowance per account); for an unknown name, the name as typed.
 */
export function throttleName(
	login: string,
	user?: { email: string | null; login_phone: string | null }
): string {
	if (user) return (user.email ?? user.login_phone)!;
	const name = parseLoginName(login);
	if (name) return name.value;
	// Control characters (NUL) cannot be stored as a key; an unknown name is capped in length.
	// eslint-disable-next-line no-control-regex
	const printable = login.replace(/[\u0000-\u001f\u007f]/g, '');
	return printable.trim().toLowerCase().slice(0, 254);
}

/**
 * Sign-in with an e-mail or a phone number and a password. An unknown name and a wrong password
 * get the same answer and take the same time (no account enumeration). The attempt is counted
 * before the password is verified, so concurrent guesses cannot slip past the throttle.
 */
export async function signIn(
	db: DB,
	input: SignInInput,
	verify: PasswordVerifier = verifyPassword
): Promise<SignInResult> {
	const user = await findAccount(db, input.login);
	const name = throttleName(input.login, user);
	const { deviceId, keys } = await attemptKeys(db, name, input.ip, user?.id, input.device);
	const refusedUntil = await reserveKeys(db, keys);
	if (refusedUntil) return { ok: false, reason: 'locked', until: refusedUntil };

	let valid = false;
	if (user?.password_hash && user.active) valid = await verify(user.password_hash, input.password);
	else await burnPasswordCheck(input.password);
	if (!valid || !user) return recordFailure(db, keys);

	await releaseKeys(db, keys);
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
	const device = await issueDeviceToken(db, user.id, deviceId ?? undefined);
	return { ok: true, token, session, userId: user.id, locale: user.locale, device };
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
