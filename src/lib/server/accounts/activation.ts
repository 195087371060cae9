import { sql } from 'kysely';
import { PRIVACY_NOTICE_VERSION } from '$lib/accounts/privacy';
import type { DB } from '../db';
import { writeAudit } from '../audit';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password';
import {
	accountKey,
	ipKey,
	lockExhaustedKeys,
	releaseKeys,
	reserveKeys,
	THROTTLE,
	type ThrottleKey
} from '../auth/rate-limit';
import { findAccount, throttleName } from '../auth/service';
import { createSession, generateSessionToken, invalidateUserSessions } from '../auth/session';
import type { Principal } from '../auth/session';
import type { Tx } from '../roster/context';
import { canonicalCode, codeHasher, sameHash, type CodeHasher } from './codes';
import {
	byEmailStep,
	emailConfirmLink,
	emailSignInAndAccept,
	matchingDecoy,
	tokenHash
} from './activation-email';
import { settleRequest } from './link-requests';

/**
 * Activation of an invited account (public page /activate): the phone number or e-mail on the
 * slip, its one-time code, a new password and the acceptance of the privacy notice. Attempts are
 * counted in the database before the code is checked (auth/rate-limit.ts), per account and per IP
 * address like sign-ins but on their own keys, so several portal processes share the limits and a
 * burst of guesses checks at most the allowance. A code works once; all other open codes of the
 * account stop working when one is used.
 */
export interface ActivationInput {
	login: string;
	code: string;
	password: string;
	ip: string;
	userAgent: string | null;
	sessionDays: number;
}

export type ActivationResult =
	| {
			ok: true;
			token: string;
			expiresAt: Date;
			userId: number;
			locale: 'vi' | 'en';
			/** Where the new user starts: a staff code leads to the staff's home. */
			kind: 'staff' | 'guardian';
	  }
	/** An e-mail login: the rest happens through the e-mail (activation-email.ts). */
	| { ok: false; reason: 'emailed' }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; until: Date };

type Done = Extract<ActivationResult, { ok: true }>;

const activationKeys = (name: string, ip: string): ThrottleKey[] => {
	const account = accountKey(`activate:${name}`);
	return [
		{ key: ipKey(`activate:${ip}`), limit: THROTTLE.ipLimit, account },
		{ key: account, limit: THROTTLE.accountLimit }
	];
};

/** The open code of the user that matches, if any (every open code is compared). */
async function matchingCode(db: DB, hasher: CodeHasher, userId: number, code: string) {
	const hash = hasher(code);
	const open = await db
		.selectFrom('activation_codes')
		.select(['id', 'code_hash', 'school_id', 'guardian_id', 'staff_id'])
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.where('revoked_at', 'is', null)
		.where('expires_at', '>', sql<Date>`now()`)
		.execute();
	return open.find((c) => sameHash(c.code_hash, hash));
}

interface CodeRow {
	id: number;
	school_id: number;
	guardian_id: number | null;
	staff_id: number | null;
}

/**
 * A code printed for a school's invitation by e-mail (roster/invite-account.ts) is the answer to
 * that invitation: using it accepts the row's request (links the row, adds the roles offered).
 */
async function acceptInvitation(trx: Tx, userId: number, found: CodeRow) {
	const request = await trx
		.selectFrom('guardian_link_requests')
		.select(['id', 'school_id', 'guardian_id', 'staff_id', 'user_id', 'roles'])
		.where('user_id', '=', userId)
		.where('school_id', '=', found.school_id)
		.where((eb) =>
			found.staff_id !== null
				? eb('staff_id', '=', found.staff_id)
				: eb('guardian_id', '=', found.guardian_id)
		)
		.where('status', '=', 'pending')
		.forUpdate()
		.executeTakeFirst();
	if (!request) return;
	const actor = { principal: { userId } as Principal, requestId: null };
	await settleRequest(trx, actor, request, true);
}

async function consume(
	db: DB,
	user: { id: number },
	found: CodeRow,
	passwordHash: string,
	input: ActivationInput
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const used = await trx
			.updateTable('activation_codes')
			.set({ used_at: sql`now()` })
			.where('id', '=', found.id)
			.where('used_at', 'is', null)
			.where('revoked_at', 'is', null)
			.returning('id')
			.executeTakeFirst();
		// A concurrent activation with the same code won.
		if (!used) return false;
		await trx
			.updateTable('activation_codes')
			.set({ revoked_at: sql`now()` })
			.where('user_id', '=', user.id)
			.where('used_at', 'is', null)
			.where('revoked_at', 'is', null)
			.execute();
		await trx
			.updateTable('users')
			.set((eb) => ({
				password_hash: passwordHash,
				activated_at: sql`coalesce(activated_at, now())`,
				updated_at: new Date(),
				updated_by: user.id,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', user.id)
			.execute();
		await invalidateUserSessions(trx, user.id);
		await acceptInvitation(trx, user.id, found);
		const children = await trx
			.selectFrom('student_guardians as sg')
			.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
			.select('sg.student_id')
			.distinct()
			.where('g.user_id', '=', user.id)
			.orderBy('sg.student_id')
			.execute();
		await trx
			.insertInto('privacy_consents')
			.values({
				user_id: user.id,
				notice_version: PRIVACY_NOTICE_VERSION,
				student_ids: children.map((c) => c.student_id),
				ip: input.ip,
				user_agent: input.userAgent?.slice(0, 300) ?? null
			})
			.execute();
		await writeAudit(trx, {
			actorUserId: user.id,
			action: 'account.activate',
			entity: 'user',
			entityId: user.id,
			schoolId: found.school_id,
			after: {
				guardian_id: found.guardian_id ?? undefined,
				staff_id: found.staff_id ?? undefined,
				privacy_notice: PRIVACY_NOTICE_VERSION
			}
		});
		return true;
	});
}

export async function activateAccount(db: DB, input: ActivationInput): Promise<ActivationResult> {
	const user = await findAccount(db, input.login);
	const keys = activationKeys(throttleName(input.login, user), input.ip);
	const refusedUntil = await reserveKeys(db, keys);
	if (refusedUntil) return { ok: false, reason: 'locked', until: refusedUntil };
	const code = canonicalCode(input.code);
	const hasher = await codeHasher(db);
	const mine = user?.active && code ? user : undefined;
	const found = mine ? await matchingCode(db, hasher, mine.id, code!) : undefined;
	// A decoy (an existing account's slip) is looked up in every case: the same work, the same time.
	const decoy = mine ? await matchingDecoy(db, hasher, mine.id, code!) : undefined;
	// The new password is hashed in every case, so a wrong code takes as long as a right one.
	const passwordHash = await hashPassword(input.password);
	if (mine && (found || decoy) && byEmailStep(input.login)) {
		if (found) await emailConfirmLink(db, mine, found.id, passwordHash);
		else await emailSignInAndAccept(db, mine, decoy!);
		await releaseKeys(db, keys);
		return { ok: false, reason: 'emailed' };
	}
	if (!user || !found || !(await consume(db, user, found, passwordHash, input))) {
		const until = await lockExhaustedKeys(db, keys);
		return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'invalid' };
	}
	await releaseKeys(db, keys);
	return signedIn(db, user, found, input);
}

async function signedIn(
	db: DB,
	user: { id: number; locale: 'vi' | 'en' },
	found: CodeRow,
	input: Pick<ActivationInput, 'ip' | 'userAgent' | 'sessionDays'>
): Promise<Done> {
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, {
		ip: input.ip,
		userAgent: input.userAgent,
		days: input.sessionDays
	});
	const kind = found.staff_id !== null ? 'staff' : 'guardian';
	return {
		ok: true,
		token,
		expiresAt: session.expiresAt,
		userId: user.id,
		locale: user.locale,
		kind
	};
}

export type ConfirmInput = Omit<ActivationInput, 'login' | 'code'> & { token: string };

/**
 * The link of the e-mail step (activation-email.ts): the token and the password chosen at
 * /activate (so a link the person did not ask for cannot give them someone else's password)
 * finish the activation as a code does. Throttled like activation, per code and per address.
 */
export async function confirmActivation(
	db: DB,
	input: ConfirmInput
): Promise<Exclude<ActivationResult, { reason: 'emailed' }>> {
	const row = await db
		.selectFrom('activation_codes as a')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.select(['a.id', 'a.school_id', 'a.guardian_id', 'a.staff_id', 'a.confirm_password_hash'])
		.select(['u.id as user_id', 'u.locale', 'u.active'])
		.where('a.confirm_hash', '=', tokenHash(input.token))
		.where('a.confirm_until', '>', sql<Date>`now()`)
		.where('a.used_at', 'is', null)
		.where('a.revoked_at', 'is', null)
		.where('a.expires_at', '>', sql<Date>`now()`)
		.executeTakeFirst();
	// Per address always; per code only for a link that exists (unknown links share no key).
	const keys = activationKeys(`confirm:${row?.id}`, input.ip).slice(0, row ? 2 : 1);
	const refusedUntil = await reserveKeys(db, keys);
	if (refusedUntil) return { ok: false, reason: 'locked', until: refusedUntil };
	const same =
		row?.active && row.confirm_password_hash
			? await verifyPassword(row.confirm_password_hash, input.password)
			: (await burnPasswordCheck(input.password), false);
	const user = row ? { id: row.user_id, locale: row.locale } : undefined;
	const activation = { ...input, login: '', code: '' };
	if (
		!row ||
		!user ||
		!same ||
		!(await consume(db, user, row, row.confirm_password_hash!, activation))
	) {
		const until = await lockExhaustedKeys(db, keys);
		return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'invalid' };
	}
	await releaseKeys(db, keys);
	return signedIn(db, user, row, input);
}
