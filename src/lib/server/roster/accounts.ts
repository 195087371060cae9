import { sql } from 'kysely';
import type { DB } from '../db';
import type { Role } from '../db/schema';
import { notFound } from '../auth/access';
import { hashPassword } from '../auth/password';
import { writeAudit } from '../audit';
import { DomainError, fieldError, writeTransaction } from '../errors';
import { requestGuardianLink, requestStaffLink } from '../accounts/link-requests';
import { rosterSchool, type Actor, type Tx } from './context';

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

/** True when every tie of the user (roles, staff rows, guardian rows) is to this school. */
export async function isOwnedBySchool(db: Tx, userId: number, schoolId: number) {
	const { rows } = await sql<{ shared: boolean }>`select
		exists (select 1 from role_assignments r where r.user_id = ${userId}
			and (r.role in ('department', 'area') or (r.school_id is not null and r.school_id <> ${schoolId})))
		or exists (select 1 from staff t where t.user_id = ${userId} and t.school_id <> ${schoolId})
		or exists (select 1 from guardians g where g.user_id = ${userId} and g.school_id <> ${schoolId})
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

/**
 * An existing account typed on a staff row's form. Already linked with another staff row of this
 * school: a field error (the school sees its own staff anyway). Otherwise, unless the school made
 * it and nobody uses it yet, its owner is asked (issue 8, item 10); a department or area
 * official's account is never linked nor asked, and the school hears the same words either way.
 * True when the account may be linked at once.
 */
async function staffLinkOrAsk(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	staffId: number,
	userId: number,
	roles: SchoolRole[]
): Promise<boolean> {
	const taken = await trx
		.selectFrom('staff')
		.select('id')
		.where('school_id', '=', schoolId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (taken) throw fieldError('email', 'roster_email_in_use_here');
	if (await isUnusedHere(trx, userId, schoolId)) return true;
	const official = await trx
		.selectFrom('role_assignments')
		.select('id')
		.where('user_id', '=', userId)
		.where('role', 'in', ['department', 'area'])
		.executeTakeFirst();
	if (!official) await requestStaffLink(trx, actor, schoolId, staffId, userId, roles);
	return false;
}

export type AccountOutcome =
	/** A new account; the generated password when it is to be shown once. */
	| { kind: 'created'; password: string | null }
	/** An account of this school nobody uses yet was linked (staff: an existing account). */
	| { kind: 'linked' }
	/** The owner of an account with this e-mail, if there is one, was asked. */
	| { kind: 'requested' };

/**
 * Creates (or links) the account of a staff member or guardian. An e-mail that belongs to an
 * account someone already uses (or that is tied to anything but this school's unused invitations)
 * is never linked: its owner gets a request to accept (issue 8, item 10), and the school hears the
 * same "asked the owner, if there is one" whatever the account is (for a staff row, an official's
 * account gets no request at all).
 */
export async function createAccount(
	db: DB,
	actor: Actor,
	schoolId: number,
	target: { kind: AccountKind; id: number },
	input: PasswordChoice & { email: string; roles?: SchoolRole[] }
): Promise<AccountOutcome> {
	const chosen = choosePassword(input);
	const passwordHash = await hashPassword(chosen.password);
	const roles: Role[] = target.kind === 'staff' ? (input.roles ?? ['teacher']) : ['parent'];
	return writeTransaction(db, async (trx) => {
		await rosterSchool(trx, actor.principal, schoolId);
		const row = await accountTarget(trx, schoolId, target.kind, target.id);
		if (row.user_id !== null) throw new DomainError('roster_account_exists');
		const table = target.kind === 'staff' ? 'staff' : 'guardians';
		const existing = await trx
			.selectFrom('users')
			.select('id')
			.where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
			.executeTakeFirst();
		if (existing && target.kind === 'guardian') {
			if (!(await isUnusedHere(trx, existing.id, schoolId))) {
				await requestGuardianLink(trx, actor, schoolId, row.id, existing.id);
				return { kind: 'requested' as const };
			}
		} else if (existing) {
			const staffRoles = roles as SchoolRole[];
			if (!(await staffLinkOrAsk(trx, actor, schoolId, row.id, existing.id, staffRoles)))
				return { kind: 'requested' as const };
		}
		const userId =
			existing?.id ??
			(
				await trx
					.insertInto('users')
					.values({
						email: input.email,
						name: row.full_name,
						phone: row.phone,
						password_hash: passwordHash,
						created_by: actor.principal.userId,
						updated_by: actor.principal.userId
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		await addRoles(trx, actor, userId, roles, schoolId);
		// Still free: an owner accepting a request for this row at the same moment came first.
		const set = await trx
			.updateTable(table)
			.set({ user_id: userId })
			.where('id', '=', row.id)
			.where('user_id', 'is', null)
			.executeTakeFirst();
		if (!set.numUpdatedRows) throw new DomainError('roster_account_exists');
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: existing ? 'account.link' : 'account.create',
			entity: 'user',
			entityId: userId,
			schoolId,
			after: { email: input.email, roles, [`${target.kind}_id`]: row.id },
			requestId: actor.requestId
		});
		if (existing) return { kind: 'linked' as const };
		return { kind: 'created' as const, password: chosen.shown ? chosen.password : null };
	});
}
