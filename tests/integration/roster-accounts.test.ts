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
	it('creates a teacher account with a password shown once, without writing it anywhere', async () => {
		const staffId = await newTeacher('T-ACC-01');
		const result = await createAccount(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			{
				email: 't-acc-01@demo.example',
				roles: ['teacher'],
				passwordMode: 'generate'
			}
		);
		expect(result.kind).toBe('created');
		if (result.kind !== 'created') return;
		expect(result.password).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
		const signedIn = await login('t-acc-01@demo.example', result.password!, '10.9.0.1');
		expect(signedIn.ok).toBe(true);
		if (!signedIn.ok) return;
		expect(await loadRoles(db, signedIn.userId)).toEqual([
			{ role: 'teacher', departmentId: null, areaId: null, schoolId: qt }
		]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'user')
			.where('entity_id', '=', String(signedIn.userId))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['account.create']);
		expect(JSON.stringify(audit)).not.toContain(result.password);
		await expect(
			createAccount(
				db,
				admin,
				qt,
				{ kind: 'staff', id: staffId },
				{
					email: 'other@demo.example',
					roles: ['teacher'],
					passwordMode: 'generate'
				}
			)
		).rejects.toMatchObject({ code: 'roster_account_exists' });
	});

	it("resets a password and ends all of the user's sessions", async () => {
		const staffId = await newTeacher('T-ACC-02');
		await createAccount(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			{
				email: 't-acc-02@demo.example',
				roles: ['teacher'],
				passwordMode: 'manual',
				password: 'first-pass-1'
			}
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
		await createAccount(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			{
				email: 't-acc-03@demo.example',
				roles: ['teacher', 'school_admin'],
				passwordMode: 'manual',
				password: 'lock-me-123'
			}
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
			expect(
				await createAccount(db, admin, qt, target, { email, passwordMode: 'generate' })
			).toEqual({ kind: 'requested' });
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
				await createAccount(db, admin, qt, target, { email, passwordMode: 'generate' })
			).toEqual({ kind: 'requested' });
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
				createAccount(
					db,
					admin,
					qt,
					{ kind: 'guardian', id: g.guardianId },
					{
						email,
						passwordMode: 'generate'
					}
				)
			)
		);
		// One creates the account. The other either met it already (the account is now in use, so
		// its owner is asked) or raced it at the unique key (a field error beside the e-mail).
		const kinds = results.map((r) => (r.status === 'fulfilled' ? r.value.kind : 'refused'));
		expect(kinds.filter((k) => k === 'created')).toHaveLength(1);
		const other = results[kinds.indexOf('created') === 0 ? 1 : 0];
		if (other.status === 'rejected') expect(other.reason).toMatchObject({ field: 'email' });
		else expect(other.value).toEqual({ kind: 'requested' });
	});
});
