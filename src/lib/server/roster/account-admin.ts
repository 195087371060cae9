import type { DB } from '../db';
import { hashPassword } from '../auth/password';
import { accountKey, clearFailures } from '../auth/rate-limit';
import { throttleName } from '../auth/service';
import { invalidateUserSessions } from '../auth/session';
import { writeAudit } from '../audit';
import { ConflictError, DomainError, writeTransaction } from '../errors';
import { rosterSchool, type Actor, type Tx } from './context';
import {
	accountTarget,
	addRoles,
	choosePassword,
	isOwnedBySchool,
	type AccountKind,
	type PasswordChoice,
	type SchoolRole
} from './accounts';

type Target = { kind: AccountKind; id: number };

/**
 * The linked user of a staff member or guardian of the school. `owned` demands that every tie of
 * the user is to this school (password and active flag are the user's own, not the school's).
 */
async function linkedUser(
	trx: Tx,
	actor: Actor,
	schoolId: number,
	target: Target,
	owned: boolean
): Promise<number> {
	await rosterSchool(trx, actor.principal, schoolId);
	const row = await accountTarget(trx, schoolId, target.kind, target.id);
	if (row.user_id === null) throw new DomainError('roster_no_account');
	if (row.user_id === actor.principal.userId) throw new DomainError('roster_account_self');
	if (owned && !(await isOwnedBySchool(trx, row.user_id, schoolId)))
		throw new DomainError('roster_account_shared');
	return row.user_id;
}

/** Sets a new password and signs the user out everywhere. Returns it when generated (shown once). */
export async function resetPassword(
	db: DB,
	actor: Actor,
	schoolId: number,
	target: Target,
	choice: PasswordChoice
): Promise<string | null> {
	const chosen = choosePassword(choice);
	const passwordHash = await hashPassword(chosen.password);
	await writeTransaction(db, async (trx) => {
		const userId = await linkedUser(trx, actor, schoolId, target, true);
		const user = await trx
			.updateTable('users')
			.set((eb) => ({
				password_hash: passwordHash,
				updated_at: new Date(),
				updated_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', userId)
			.returning(['email', 'login_phone'])
			.executeTakeFirstOrThrow();
		await invalidateUserSessions(trx, userId);
		// A user locked out by failed sign-ins can use the new password at once.
		await clearFailures(trx, accountKey(throttleName('', user)));
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'user.password_reset',
			entity: 'user',
			entityId: userId,
			schoolId,
			requestId: actor.requestId
		});
	});
	return chosen.shown ? chosen.password : null;
}

/** Blocks (or unblocks) sign-in; blocking also ends the user's sessions. */
export async function setAccountActive(
	db: DB,
	actor: Actor,
	schoolId: number,
	target: Target,
	active: boolean
) {
	await writeTransaction(db, async (trx) => {
		const userId = await linkedUser(trx, actor, schoolId, target, true);
		await trx
			.updateTable('users')
			.set((eb) => ({
				active,
				updated_at: new Date(),
				updated_by: actor.principal.userId,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', userId)
			.execute();
		if (!active) await invalidateUserSessions(trx, userId);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: active ? 'user.reactivate' : 'user.deactivate',
			entity: 'user',
			entityId: userId,
			schoolId,
			after: { active },
			requestId: actor.requestId
		});
	});
}

/**
 * Ends the user's access through this school only: their roles here, their links to this school's
 * staff and guardian rows (and the parent role when no child is left). The account itself stays.
 */
export async function removeSchoolAccess(
	db: DB,
	actor: Actor,
	schoolId: number,
	target: Target,
	expectedEmail?: string
) {
	await writeTransaction(db, async (trx) => {
		const userId = await linkedUser(trx, actor, schoolId, target, false);
		if (expectedEmail !== undefined) {
			const user = await trx
				.selectFrom('users')
				.select(['email', 'login_phone'])
				.where('id', '=', userId)
				.executeTakeFirstOrThrow();
			// The page names the account by its e-mail, or by its phone number when it has none.
			if ((user.email ?? user.login_phone ?? '').toLowerCase() !== expectedEmail.toLowerCase())
				throw new ConflictError('account', userId);
		}
		const roles = await trx
			.deleteFrom('role_assignments')
			.where('user_id', '=', userId)
			.where('school_id', '=', schoolId)
			.returning('role')
			.execute();
		await trx
			.updateTable('staff')
			.set({ user_id: null })
			.where('user_id', '=', userId)
			.where('school_id', '=', schoolId)
			.execute();
		await trx
			.updateTable('guardians')
			.set({ user_id: null })
			.where('user_id', '=', userId)
			.where('school_id', '=', schoolId)
			.execute();
		const parentGone = await trx
			.deleteFrom('role_assignments')
			.where('user_id', '=', userId)
			.where('role', '=', 'parent')
			.where((eb) =>
				eb.not(
					eb.exists(eb.selectFrom('guardians').select('id').where('guardians.user_id', '=', userId))
				)
			)
			.returning('role')
			.execute();
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'account.unlink',
			entity: 'user',
			entityId: userId,
			schoolId,
			before: { roles: [...roles, ...parentGone].map((r) => r.role) },
			requestId: actor.requestId
		});
	});
}

/** The roles of a staff member's account at this school (teacher, school admin). */
export async function setStaffRoles(
	db: DB,
	actor: Actor,
	schoolId: number,
	staffId: number,
	roles: SchoolRole[]
) {
	await writeTransaction(db, async (trx) => {
		const userId = await linkedUser(trx, actor, schoolId, { kind: 'staff', id: staffId }, false);
		const removed = await trx
			.deleteFrom('role_assignments')
			.where('user_id', '=', userId)
			.where('school_id', '=', schoolId)
			.where('role', 'in', ['teacher', 'school_admin'])
			.returning('role')
			.execute();
		await addRoles(trx, actor, userId, roles, schoolId);
		await writeAudit(trx, {
			actorUserId: actor.principal.userId,
			action: 'account.roles',
			entity: 'user',
			entityId: userId,
			schoolId,
			before: { roles: removed.map((r) => r.role) },
			after: { roles },
			requestId: actor.requestId
		});
	});
}
