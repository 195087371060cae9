import { sql } from 'kysely';
import type { Role } from '../db/schema';
import { writeAudit } from '../audit';
import { fieldError } from '../errors';
import { issueCode, issueDecoy, revokeRowCodes, type CodeHasher } from '../accounts/codes';
import { requestGuardianLink, requestStaffLink } from '../accounts/link-requests';
import { isUnusedHere, type AccountKind, type SchoolRole } from './accounts';
import type { Actor, Tx } from './context';

/**
 * A school admin invites a staff member or guardian by e-mail (issue 8, item 10). Whatever the
 * address is (no account, an account this school invited and nobody uses yet, an account someone
 * uses, an official's account), the school does the same thing and sees the same thing: a link
 * request for the row (`guardian_link_requests`, the typed address kept in `email`) and a slip
 * with a code of the same form and expiry. Only what the school cannot see differs:
 * - a new address gets an account without a password (no role yet), and the slip's code is a real
 *   activation code for the row (`activation_codes.staff_id|guardian_id`, migration 0200): using
 *   it at /activate sets the password and accepts the request (links the row, adds the roles);
 * - an account of this school that nobody uses yet, and that no other school invited, likewise;
 * - any other account gets the request (its owner answers at /account/links) and the code is a
 *   decoy kept on the request (`issueDecoy`, migration 0251), which /activate answers as it
 *   answers a real code but which opens nothing (the slip tells the holder of an existing account
 *   to sign in and accept); an official's account offered a staff row gets a `withheld` request
 *   that its owner never sees (as a guardian it is asked like any other).
 */
export interface InvitationSlip {
	email: string;
	code: string;
	expiresAt: Date;
}

interface InviteRow {
	kind: AccountKind;
	id: number;
	full_name: string;
	phone: string | null;
}

type Mode = 'code' | 'ask' | 'withhold';

/** The account of the address, made without a password when there is none (concurrency-safe). */
async function accountOf(trx: Tx, actor: Actor, row: InviteRow, email: string) {
	const find = () =>
		trx
			.selectFrom('users')
			.select('id')
			.where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
			.executeTakeFirst();
	const existing = await find();
	if (existing) return { userId: existing.id, created: false };
	const { rows } = await sql<{ id: number }>`insert into users
			(email, name, phone, password_hash, created_by, updated_by)
		values (${email}, ${row.full_name}, ${row.phone}, null, ${actor.principal.userId},
			${actor.principal.userId})
		on conflict do nothing
		returning id`.execute(trx);
	if (rows[0]) return { userId: rows[0].id, created: true };
	// Created by a concurrent invitation meanwhile: an existing account from here on.
	return { userId: (await find())!.id, created: false };
}

/** What the school may do with the account; see the module comment. */
async function modeFor(
	trx: Tx,
	row: InviteRow,
	userId: number,
	schoolId: number,
	created: boolean
): Promise<Mode> {
	if (created) return 'code';
	// An official may be a pupil's parent (asked like anyone), never the school's staff.
	const official =
		row.kind === 'staff' &&
		(await trx
			.selectFrom('role_assignments')
			.select('id')
			.where('user_id', '=', userId)
			.where('role', 'in', ['department', 'area'])
			.executeTakeFirst());
	if (official) return 'withhold';
	return (await isUnusedHere(trx, userId, schoolId)) ? 'code' : 'ask';
}

/** The row's other open invitations end: the newest address is the one the school waits for. */
async function closeOtherInvitations(trx: Tx, row: InviteRow, userId: number) {
	const column = row.kind === 'staff' ? 'staff_id' : 'guardian_id';
	await trx
		.updateTable('guardian_link_requests')
		.set({ status: 'cancelled', answered_at: new Date() })
		.where(column, '=', row.id)
		.where('user_id', '<>', userId)
		.where('status', 'in', ['pending', 'withheld'])
		.execute();
	await revokeRowCodes(trx, row.kind === 'staff' ? { staffId: row.id } : { guardianId: row.id });
}

/** Refuses an account already linked with another staff row of this school (the school's own). */
async function refuseSecondStaffRow(trx: Tx, schoolId: number, userId: number) {
	const taken = await trx
		.selectFrom('staff')
		.select('id')
		.where('school_id', '=', schoolId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (taken) throw fieldError('email', 'roster_email_in_use_here');
}

export async function inviteByEmail(
	trx: Tx,
	hashed: CodeHasher,
	actor: Actor,
	schoolId: number,
	row: InviteRow,
	email: string,
	roles: SchoolRole[]
): Promise<InvitationSlip> {
	const { userId, created } = await accountOf(trx, actor, row, email);
	if (row.kind === 'staff') await refuseSecondStaffRow(trx, schoolId, userId);
	const mode = await modeFor(trx, row, userId, schoolId, created);
	await closeOtherInvitations(trx, row, userId);
	const opts = {
		email,
		status: mode === 'withhold' ? ('withheld' as const) : ('pending' as const)
	};
	if (row.kind === 'staff')
		await requestStaffLink(trx, actor, schoolId, row.id, userId, roles, opts);
	else await requestGuardianLink(trx, actor, schoolId, row.id, userId, opts);
	if (created)
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'account.create',
			entity: 'user',
			entityId: userId,
			schoolId,
			after: {
				email,
				roles: (row.kind === 'staff' ? roles : ['parent']) as Role[],
				[`${row.kind}_id`]: row.id
			},
			requestId: actor.requestId
		});
	if (mode !== 'code') {
		// The same form, expiry and work as a real code; /activate answers it alike, it opens nothing.
		const row_ = row.kind === 'staff' ? { staffId: row.id } : { guardianId: row.id };
		return { email, ...(await issueDecoy(trx, hashed, { ...row_, userIds: [userId] })) };
	}
	const issued = await issueCode(trx, hashed, {
		userId,
		schoolId,
		...(row.kind === 'staff' ? { staffId: row.id } : { guardianId: row.id }),
		actorId: actor.principal.userId
	});
	return { email, ...issued };
}

/** The invitation of a row that waits for an answer (the school's view; the same for every kind). */
export async function waitingInvitation(db: Tx, kind: AccountKind, rowId: number) {
	const column = kind === 'staff' ? 'staff_id' : 'guardian_id';
	const row = await db
		.selectFrom('guardian_link_requests')
		.select(['email', 'created_at'])
		.where(column, '=', rowId)
		.where('status', 'in', ['pending', 'refused', 'withheld'])
		.where('email', 'is not', null)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return row ? { email: row.email!, createdAt: new Date(row.created_at) } : null;
}
