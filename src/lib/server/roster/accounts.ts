import { sql } from 'kysely';
import type { DB } from '../db';
import type { Role } from '../db/schema';
import { notFound } from '../auth/access';
import { DomainError, writeTransaction } from '../errors';
import { codeHasher } from '../accounts/codes';
import { rosterSchool, type Actor, type Tx } from './context';
import { inviteByEmail, type InvitationSlip } from './invite-account';

/**
 * Sign-in accounts of a school's staff (role teacher or school_admin at the school) and guardians
 * (role parent). A person may already have an account (a teacher who is also a parent, a teacher of
 * two schools): the new role is then added to it and its password is left alone. A school admin
 * manages the account itself (password, active) only when every tie of the user is to this school;
 * otherwise only the roles and links at this school.
 */
export type AccountKind = 'staff' | 'guardian';
export type SchoolRole = Extract<Role, 'teacher' | 'school_admin'>;

export interface PasswordChoice {
	passwordMode: 'generate' | 'manual';
	password?: string;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A readable random password (no 0/o, 1/l/i): about 74 bits. */
export function generatePassword(): string {
	const out: string[] = [];
	const bytes = new Uint8Array(64);
	while (out.length < 15) {
		crypto.getRandomValues(bytes);
		for (const b of bytes) {
			// Rejection sampling keeps every letter equally likely.
			if (b < 248 && out.length < 15) out.push(ALPHABET[b % ALPHABET.length]);
		}
	}
	return [0, 5, 10].map((i) => out.slice(i, i + 5).join('')).join('-');
}

export function choosePassword(choice: PasswordChoice): { password: string; shown: boolean } {
	return choice.passwordMode === 'manual'
		? { password: choice.password ?? '', shown: false }
		: { password: generatePassword(), shown: true };
}

/** The staff or guardian row of the school (404 outside it) and its linked user, if any. */
export async function accountTarget(trx: Tx, schoolId: number, kind: AccountKind, id: number) {
	const table = kind === 'staff' ? 'staff' : 'guardians';
	const row = await trx
		.selectFrom(table)
		.select(['id', 'user_id', 'full_name', 'phone', 'email', 'active'])
		.where('id', '=', id)
		.where('school_id', '=', schoolId)
		.executeTakeFirst();
	return row ?? notFound();
}

/**
 * True when every tie of the user (roles, staff rows, guardian rows, and for an account nobody
 * uses yet another school's codes and open invitations) is to this school.
 */
export async function isOwnedBySchool(db: Tx, userId: number, schoolId: number) {
	const { rows } = await sql<{ shared: boolean }>`select
		exists (select 1 from role_assignments r where r.user_id = ${userId}
			and (r.role in ('department', 'area') or (r.school_id is not null and r.school_id <> ${schoolId})))
		or exists (select 1 from staff t where t.user_id = ${userId} and t.school_id <> ${schoolId})
		or exists (select 1 from guardians g where g.user_id = ${userId} and g.school_id <> ${schoolId})
		or exists (select 1 from activation_codes c where c.user_id = ${userId}
			and c.school_id <> ${schoolId})
		or exists (select 1 from guardian_link_requests q join users u on u.id = q.user_id
			where q.user_id = ${userId} and q.school_id <> ${schoolId}
			and q.status in ('pending', 'withheld') and u.password_hash is null)
		as shared`.execute(db);
	return !rows[0].shared;
}

/** What the staff or guardian page shows of the linked account. */
export async function accountInfo(db: DB, schoolId: number, userId: number | null) {
	if (userId === null) return null;
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'login_phone', 'active', 'last_login_at'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	const roles = await db
		.selectFrom('role_assignments')
		.select('role')
		.where('user_id', '=', userId)
		.where((eb) => eb.or([eb('school_id', '=', schoolId), eb('role', '=', 'parent')]))
		.execute();
	return {
		...user,
		roles: roles.map((r) => r.role),
		owned: await isOwnedBySchool(db, userId, schoolId)
	};
}

/** Adds the roles the user does not hold yet (one statement). */
export async function addRoles(
	trx: Tx,
	actor: Actor,
	userId: number,
	roles: Role[],
	schoolId: number | null
) {
	for (const role of roles) {
		const scope = role === 'parent' ? null : schoolId;
		await sql`insert into role_assignments (user_id, role, school_id, created_by)
			select ${userId}, ${role}, ${scope}, ${actor.principal.userId}
			where not exists (select 1 from role_assignments where user_id = ${userId} and role = ${role}
				and school_id is not distinct from ${scope})`.execute(trx);
	}
}

/**
 * An account that only this school's invitations or guardian forms made and that nobody uses yet
 * (no password, no role but parent, no tie to another school): the school may link it to another
 * of its guardian rows (guardians who share a phone number or e-mail share one account).
 */
export async function isUnusedHere(db: Tx, userId: number, schoolId: number) {
	const used = await db
		.selectFrom('users as u')
		.select('u.id')
		.where('u.id', '=', userId)
		.where((eb) =>
			eb.or([
				eb('u.password_hash', 'is not', null),
				eb.exists(
					eb
						.selectFrom('role_assignments as r')
						.select('r.id')
						.whereRef('r.user_id', '=', 'u.id')
						.where('r.role', '<>', 'parent')
				)
			])
		)
		.executeTakeFirst();
	return !used && (await isOwnedBySchool(db, userId, schoolId));
}

export type AccountOutcome = {
	/** Always the same whatever the address was (issue 8, item 10). */
	kind: 'invited';
	slip: InvitationSlip & { name: string; schoolName: string; roles: SchoolRole[] };
};

/**
 * Invites the staff member or guardian of a row by e-mail (`inviteByEmail`): the school gets the
 * same answer and the same slip for a new address and for one that already has an account, and
 * never sees that account's details. No password is ever set here: a new account is activated
 * with the slip's code (/activate).
 */
export async function createAccount(
	db: DB,
	actor: Actor,
	schoolId: number,
	target: { kind: AccountKind; id: number },
	input: { email: string; roles?: SchoolRole[] }
): Promise<AccountOutcome> {
	const hashed = await codeHasher(db);
	const roles: SchoolRole[] = target.kind === 'staff' ? (input.roles ?? ['teacher']) : [];
	return writeTransaction(db, async (trx) => {
		const school = await rosterSchool(trx, actor.principal, schoolId);
		const row = await accountTarget(trx, schoolId, target.kind, target.id);
		if (row.user_id !== null) throw new DomainError('roster_account_exists');
		const email = input.email.trim().toLowerCase();
		const slip = await inviteByEmail(
			trx,
			hashed,
			actor,
			schoolId,
			{ ...row, kind: target.kind },
			email,
			roles
		);
		return {
			kind: 'invited' as const,
			slip: { ...slip, name: row.full_name, schoolName: school.name, roles }
		};
	});
}
