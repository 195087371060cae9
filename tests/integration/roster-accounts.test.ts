import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { signIn } from '../../src/lib/server/auth/service';
import { loadRoles, validateSessionToken } from '../../src/lib/server/auth/session';
import { listParentChildren } from '../../src/lib/server/org/people';
import { createStaff } from '../../src/lib/server/roster/staff';
import { createStudent } from '../../src/lib/server/roster/students';
import { addGuardianToStudent } from '../../src/lib/server/roster/guardian-links';
import { createAccount } from '../../src/lib/server/roster/accounts';
import {
	resetPassword,
	setAccountActive,
	setStaffRoles
} from '../../src/lib/server/roster/account-admin';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { invitedAndActivated } from '../helpers/invite';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let admin: Actor;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	admin = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
});
afterAll(() => close());

const login = (email: string, password: string, ip: string) =>
	signIn(db, { login: email, password, ip, userAgent: 'vitest', sessionDays: 30 });

async function newTeacher(code: string) {
	return createStaff(db, admin, qt, {
		code,
		fullName: 'Phạm Minh Tuấn',
		email: `${code.toLowerCase()}@demo.example`,
		phone: null,
		position: 'teacher',
		subjectIds: []
	});
}

async function newGuardian(code: string) {
	const studentId = await createStudent(db, admin, qt, {
		code,
		fullName: 'Lê Gia Bảo',
		dateOfBirth: '2013-11-02',
		gender: 'M',
		ethnicityCode: '01',
		classId: null
	});
	const guardianId = await addGuardianToStudent(db, admin, qt, studentId, {
		fullName: 'Lê Văn Hưng',
		phone: null,
		email: null,
		relationship: 'father'
	});
	return { studentId, guardianId };
}

describe('accounts of staff and guardians', () => {
	it('invites a new teacher without a password; the slip activates the account once', async () => {
		const staffId = await newTeacher('T-ACC-01');
		const result = await createAccount(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			{ email: 't-acc-01@demo.example', roles: ['teacher'] }
		);
		expect(result.kind).toBe('invited');
		const made = await db
			.selectFrom('users')
			.select(['id', 'password_hash'])
			.where('email', '=', 't-acc-01@demo.example')
			.executeTakeFirstOrThrow();
		expect(made.password_hash).toBeNull();
		expect((await login('t-acc-01@demo.example', '', '10.9.0.1')).ok).toBe(false);
		const userId = await invitedAndActivated(
			db,
			admin,
			qt,
			{ kind: 'staff', id: await newTeacher('T-ACC-01B') },
			't-acc-01b@demo.example'
		);
		const signedIn = await login('t-acc-01b@demo.example', 'mat-khau-rieng-1', '10.9.0.2');
		expect(signedIn.ok).toBe(true);
		expect(await loadRoles(db, userId)).toEqual([
			{ role: 'teacher', departmentId: null, areaId: null, schoolId: qt }
		]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'user')
			.where('entity_id', '=', String(made.id))
			.execute();
		expect(audit.map((x) => x.action).sort()).toEqual(['account.create', 'account.link_request']);
		expect(JSON.stringify(audit)).not.toContain(result.slip.code);
		const linked = await db
			.selectFrom('staff')
			.select('id')
			.where('user_id', '=', userId)
			.executeTakeFirstOrThrow();
		await expect(
			createAccount(
				db,
				admin,
				qt,
				{ kind: 'staff', id: linked.id },
				{ email: 'other@demo.example', roles: ['teacher'] }
			)
		).rejects.toMatchObject({ code: 'roster_account_exists' });
	});

	it("resets a password and ends all of the user's sessions", async () => {
		const staffId = await newTeacher('T-ACC-02');
		await invitedAndActivated(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			't-acc-02@demo.example',
			'first-pass-1'
		);
		const a = await login('t-acc-02@demo.example', 'first-pass-1', '10.9.1.1');
		const b = await login('t-acc-02@demo.example', 'first-pass-1', '10.9.1.2');
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		const shown = await resetPassword(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			{
				passwordMode: 'manual',
				password: 'second-pass-2'
			}
		);
		expect(shown).toBeNull();
		expect(await validateSessionToken(db, a.token, 30)).toBeNull();
		expect(await validateSessionToken(db, b.token, 30)).toBeNull();
		expect((await login('t-acc-02@demo.example', 'first-pass-1', '10.9.1.3')).ok).toBe(false);
		expect((await login('t-acc-02@demo.example', 'second-pass-2', '10.9.1.4')).ok).toBe(true);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'user')
			.where('entity_id', '=', String(a.userId))
			.execute();
		expect(audit.map((r) => r.action)).toContain('user.password_reset');
	});

	it('locks an account it owns and signs it out; refuses its own admin', async () => {
		const staffId = await newTeacher('T-ACC-03');
		await invitedAndActivated(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			't-acc-03@demo.example',
			'lock-me-123',
			['teacher', 'school_admin']
		);
		const s = await login('t-acc-03@demo.example', 'lock-me-123', '10.9.2.1');
		if (!s.ok) throw new Error('sign-in failed');
		await setAccountActive(db, admin, qt, { kind: 'staff', id: staffId }, false);
		expect(await validateSessionToken(db, s.token, 30)).toBeNull();
		expect((await login('t-acc-03@demo.example', 'lock-me-123', '10.9.2.2')).ok).toBe(false);
		await setStaffRoles(db, admin, qt, staffId, ['teacher']);
		expect((await loadRoles(db, s.userId)).map((r) => r.role)).toEqual(['teacher']);
		const own = await db
			.selectFrom('staff')
			.select('id')
			.where('user_id', '=', admin.principal.userId)
			.executeTakeFirstOrThrow();
		await expect(
			resetPassword(db, admin, qt, { kind: 'staff', id: own.id }, { passwordMode: 'generate' })
		).rejects.toMatchObject({ code: 'roster_account_self' });
	});

	it("never links another school's or an official's account as a guardian: it asks, with one answer", async () => {
		const { guardianId } = await newGuardian('T-ACC-HS1');
		const target = { kind: 'guardian' as const, id: guardianId };
		const emails = [
			'nguyentatthanh.gv@demo.example',
			'so@demo.example',
			'quangtrung.admin@demo.example'
		];
		for (const email of emails) {
			expect(await createAccount(db, admin, qt, target, { email })).toMatchObject({
				kind: 'invited',
				slip: { email, roles: [] }
			});
		}
		const row = await db
			.selectFrom('guardians')
			.select('user_id')
			.where('id', '=', guardianId)
			.executeTakeFirstOrThrow();
		expect(row.user_id).toBeNull();
		const so = await principalOf(db, 'so@demo.example');
		expect((await loadRoles(db, so.userId)).map((r) => r.role)).toEqual(['department']);
		const teacherNtt = await principalOf(db, 'nguyentatthanh.gv@demo.example');
		expect(await listParentChildren(db, teacherNtt)).toEqual([]);
	});

	it("never links an official's or another school's teacher's account as staff: the same answer", async () => {
		const staffId = await newTeacher('T-ACC-GV9');
		const target = { kind: 'staff' as const, id: staffId };
		for (const email of ['so@demo.example', 'nguyentatthanh.gv@demo.example'])
			expect(
				await createAccount(db, admin, qt, target, { email, roles: ['teacher'] })
			).toMatchObject({ kind: 'invited', slip: { email, roles: ['teacher'] } });
		const row = await db
			.selectFrom('staff')
			.select('user_id')
			.where('id', '=', staffId)
			.executeTakeFirstOrThrow();
		expect(row.user_id).toBeNull();
		const so = await principalOf(db, 'so@demo.example');
		expect((await loadRoles(db, so.userId)).map((r) => r.role)).toEqual(['department']);
	});

	it('answers a field error or a request, never a database error, to two guardians given the same new e-mail at once', async () => {
		const a = await newGuardian('T-ACC-RACE1');
		const b = await newGuardian('T-ACC-RACE2');
		const email = 'race-parent@demo.example';
		const results = await Promise.allSettled(
			[a, b].map((g) =>
				createAccount(db, admin, qt, { kind: 'guardian', id: g.guardianId }, { email })
			)
		);
		// Both are invitations (one made the account; the other found it, or waited for it at the
		// unique key): the same answer, never a database error; one account for the address.
		for (const r of results) {
			if (r.status === 'rejected') expect(r.reason).toMatchObject({ field: 'email' });
			else expect(r.value.kind).toBe('invited');
		}
		expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
		const accounts = await db.selectFrom('users').select('id').where('email', '=', email).execute();
		expect(accounts).toHaveLength(1);
	});
});
