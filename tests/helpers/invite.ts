import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { activateAccount } from '../../src/lib/server/accounts/activation';
import {
	createAccount,
	type AccountKind,
	type SchoolRole
} from '../../src/lib/server/roster/accounts';

/**
 * An account in use, made as a school does it (issue 8, item 10): the admin invites the row's
 * person by e-mail, and the person activates the slip's code with a password of their own.
 */
export async function invitedAndActivated(
	db: DB,
	by: Actor,
	schoolId: number,
	target: { kind: AccountKind; id: number },
	email: string,
	password = 'mat-khau-rieng-1',
	roles: SchoolRole[] = ['teacher']
) {
	const { slip } = await createAccount(db, by, schoolId, target, { email, roles });
	const done = await activateAccount(db, {
		login: email,
		code: slip.code,
		password,
		ip: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.9`,
		userAgent: 'vitest',
		sessionDays: 30
	});
	if (!done.ok) throw new Error(`activation of ${email} failed: ${done.reason}`);
	return done.userId;
}
