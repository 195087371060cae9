import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/lib/accounts/privacy';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { signIn } from '../../src/lib/server/auth/service';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { activateAccount } from '../../src/lib/server/accounts/activation';
import { exportOwnData } from '../../src/lib/server/accounts/export';
import { inviteGuardians, reissueCode, type Slip } from '../../src/lib/server/accounts/invitations';
import {
	classGuardianAccounts,
	schoolInvitationSummary
} from '../../src/lib/server/accounts/invitation-status';
import { createStaff } from '../../src/lib/server/roster/staff';
import { createAccount } from '../../src/lib/server/roster/accounts';
import { removeSchoolAccess } from '../../src/lib/server/roster/account-admin';
import { DomainError } from '../../src/lib/server/errors';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import { invitedAndActivated } from '../helpers/invite';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let admin: Actor;
let yearId: number;
const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
let phoneSeq = Math.floor(Math.random() * 9_000_000);
const newPhone = () => `039${String(++phoneSeq % 10_000_000).padStart(7, '0')}`;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	admin = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
	yearId = (
		await db
			.selectFrom('school_years')
			.select('id')
			.where('is_current', '=', true)
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(() => close());

type GuardianSpec = { name: string; phone?: string | null; email?: string | null };

/** A class of its own with one pupil per entry, each with the given guardians. */
async function classWith(name: string, families: GuardianSpec[][], homeroomStaffId?: number) {
	const cls = await db
		.insertInto('classes')
		.values({
			school_id: qt,
			school_year_id: yearId,
			grade: 9,
			name: `${name}-${tag}`,
			homeroom_staff_id: homeroomStaffId ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const guardianIds: number[] = [];
	for (const [i, family] of families.entries()) {
		const student = await db
			.insertInto('students')
			.values({ school_id: qt, class_id: cls.id, code: `${name}${tag}${i}`, full_name: `Con ${i}` })
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const g of family) {
			const row = await db
				.insertInto('guardians')
				.values({
					school_id: qt,
					full_name: g.name,
					phone: g.phone ?? null,
					email: g.email ?? null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			guardianIds.push(row.id);
			await db
				.insertInto('student_guardians')
				.values({ student_id: student.id, guardian_id: row.id })
				.execute();
		}
	}
	return { classId: cls.id, guardianIds };
}

const base = { userAgent: 'vitest', sessionDays: 30 };
const activate = (login: string, code: string, ip: string, password = 'mat-khau-moi-1') =>
	activateAccount(db, { ...base, login, code, password, ip });

describe('inviting the guardians of a class', () => {
	it('creates accounts with hashed one-time codes, one account for a shared phone', async () => {
		const shared = newPhone();
		const own = newPhone();
		const { classId, guardianIds } = await classWith('INV', [
			[
				{ name: 'Mẹ An', phone: shared },
				{ name: 'Bố An', phone: shared.replace(/^0/, '+84 ') }
			],
			[{ name: 'Bà Bình', phone: `${own.slice(0, 4)}.${own.slice(4)}` }],
			[{ name: 'Ông Chưa Có Số' }],
			// The demo parent's phone: an activated account the school may not link.
			[{ name: 'Người Trùng Số', phone: '0987654321' }]
		]);
		const result = await inviteGuardians(db, admin, qt, classId);
		// The demo parent's account is asked; its slip (a decoy) reads like the others.
		expect(result.slips).toHaveLength(4);
		expect(result).toEqual({ slips: expect.any(Array), noContact: 1, active: 0 });

		const users = await db
			.selectFrom('guardians')
			.select(['id', 'user_id'])
			.where('id', 'in', guardianIds)
			.orderBy('id')
			.execute();
		expect(users[0].user_id).not.toBeNull();
		expect(users[1].user_id).toBe(users[0].user_id);
		expect(users[2].user_id).not.toBe(users[0].user_id);
		expect(users[3].user_id).toBeNull();
		expect(users[4].user_id).toBeNull();
		const account = await db
			.selectFrom('users')
			.select(['login_phone', 'email', 'password_hash'])
			.where('id', '=', users[0].user_id!)
			.executeTakeFirstOrThrow();
		expect(account).toEqual({
			login_phone: `+84${shared.slice(1)}`,
			email: null,
			password_hash: null
		});

		const codes = await db
			.selectFrom('activation_codes')
			.select(['code_hash', 'guardian_id', 'expires_at'])
			.where('guardian_id', 'in', guardianIds)
			.execute();
		expect(codes).toHaveLength(3);
		for (const slip of result.slips.filter((x) => x.guardianId !== guardianIds[4])) {
			const row = codes.find((c) => c.guardian_id === slip.guardianId)!;
			expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
			expect(row.code_hash).not.toContain(slip.code.replace('-', ''));
			expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
			expect(slip.children).toEqual([expect.objectContaining({ className: `INV-${tag}` })]);
		}
		const audit = await db
			.selectFrom('audit_log')
			.select(['action'])
			.where('actor_user_id', '=', admin.principal.userId)
			.where('entity', '=', 'user')
			.where('entity_id', 'in', [String(users[0].user_id), String(users[2].user_id)])
			.execute();
		const summary = (await schoolInvitationSummary(db, qt)).find((c) => c.id === classId);
		expect(summary).toMatchObject({ guardians: 5, active: 0, invited: 4 });
		const listed = await classGuardianAccounts(db, admin.principal, qt, classId);
		expect(listed.guardians.map((g) => g.state)).toEqual([
			'invited',
			'invited',
			'invited',
			'none',
			'invited'
		]);
		expect(audit.map((a) => a.action).sort()).toEqual([
			'account.code_issue',
			'account.code_issue',
			'account.code_issue',
			'account.create',
			'account.create',
			'account.link'
		]);
	});

	it('never links an account in use to another guardian row through the guardian form: it asks', async () => {
		const email = `lk-${tag.toLowerCase()}@demo.example`;
		const { classId, guardianIds } = await classWith('LK', [
			[{ name: 'Mẹ Có Email', email }],
			[{ name: 'Người Lạ' }]
		]);
		const { slips } = await inviteGuardians(db, admin, qt, classId);
		expect((await activate(email, slips[0].code, '10.96.0.1')).ok).toBe(true);
		// The school unlinks the account: it is nobody's guardian here any more, but it is in use.
		await removeSchoolAccess(db, admin, qt, { kind: 'guardian', id: guardianIds[0] });
		expect(
			await createAccount(db, admin, qt, { kind: 'guardian', id: guardianIds[1] }, { email })
		).toMatchObject({ kind: 'invited' });
		const row = await db
			.selectFrom('guardians')
			.select('user_id')
			.where('id', '=', guardianIds[1])
			.executeTakeFirstOrThrow();
		expect(row.user_id).toBeNull();
	});

	it('answers 404 for a class of another school and for another school admin', async () => {
		const { classId } = await classWith('X', [[{ name: 'Mẹ X', phone: newPhone() }]]);
		const ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
		await expect(inviteGuardians(db, admin, ntt, null)).rejects.toMatchObject({ status: 404 });
		await expect(inviteGuardians(db, admin, qt, 2_000_000_000)).rejects.toMatchObject({
			status: 404
		});
		const other = { principal: await principalOf(db, 'nguyentatthanh.admin@demo.example') };
		await expect(inviteGuardians(db, other, qt, classId)).rejects.toMatchObject({ status: 404 });
		const parent = { principal: await principalOf(db, 'quangtrung.ph@demo.example') };
		await expect(inviteGuardians(db, parent, qt, classId)).rejects.toMatchObject({ status: 404 });
	});
});

describe('activation', () => {
	async function invited(family: GuardianSpec[]) {
		const { classId, guardianIds } = await classWith(`A${phoneSeq}`, [family]);
		const { slips } = await inviteGuardians(db, admin, qt, classId);
		return { slips, guardianIds, classId };
	}

	it('consumes a code once, records the consent and signs in by phone afterwards', async () => {
		const phone = newPhone();
		const { slips } = await invited([
			{ name: 'Mẹ Dung', phone },
			{ name: 'Bố Dung', phone }
		]);
		const [first, second] = slips as [Slip, Slip];
		const wrong = await activate(phone, 'AAAAA-AAAAA', '10.90.0.1');
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });

		const written = `+84 ${phone.slice(1, 4)} ${phone.slice(4)}`;
		const ok = await activate(written, first.code.toLowerCase(), '10.90.0.2');
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		const session = await validateSessionToken(db, ok.token, 30);
		expect(session?.principal.roles.map((r) => r.role)).toEqual(['parent']);

		// Used once; the other slip of the shared account stops working too.
		expect(await activate(phone, first.code, '10.90.0.3')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await activate(phone, second.code, '10.90.0.4')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		const consent = await db
			.selectFrom('privacy_consents')
			.select(['notice_version', 'student_ids', 'accepted_at'])
			.where('user_id', '=', ok.userId)
			.execute();
		expect(consent).toHaveLength(1);
		expect(consent[0].notice_version).toBe(PRIVACY_NOTICE_VERSION);
		expect(consent[0].student_ids).toHaveLength(1);

		const signed = await signIn(db, {
			...base,
			login: phone.replace(/(\d{4})(\d{3})(\d{3})/, '$1.$2.$3'),
			password: 'mat-khau-moi-1',
			ip: '10.90.0.5'
		});
		expect(signed.ok).toBe(true);
		expect((await signIn(db, { ...base, login: phone, password: 'x', ip: '10.90.0.6' })).ok).toBe(
			false
		);
	});

	it('refuses an expired code', async () => {
		const phone = newPhone();
		const { slips, guardianIds } = await invited([{ name: 'Bố Giang', phone }]);
		await db
			.updateTable('activation_codes')
			.set({ expires_at: sql`now() - interval '1 minute'` })
			.where('guardian_id', '=', guardianIds[0])
			.execute();
		expect(await activate(phone, slips[0].code, '10.91.0.1')).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('locks an account after five wrong codes, even for the right code then', async () => {
		const phone = newPhone();
		const { slips } = await invited([{ name: 'Mẹ Hà', phone }]);
		for (let i = 0; i < 5; i++) await activate(phone, `WRONG-CODE${i}`, `10.92.${i}.1`);
		const right = await activate(phone, slips[0].code, '10.92.9.1');
		expect(right).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('never activates with the right code sent last in a burst of 30 guesses', async () => {
		const phone = newPhone();
		const { slips } = await invited([{ name: 'Bố Khánh', phone }]);
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				activate(phone, i === 29 ? slips[0].code : `ZZZZZ-ZZZ${(i % 8) + 2}Z`, '10.93.0.1')
			)
		);
		expect(results.filter((r) => r.ok)).toHaveLength(0);
		const row = await db
			.selectFrom('auth_throttle')
			.select(['failures', 'locked_until'])
			.where('key', '=', `acct:activate:+84${phone.slice(1)}`)
			.executeTakeFirstOrThrow();
		expect(row.failures).toBe(30);
		expect(row.locked_until).not.toBeNull();
	});

	it('gives the same answer for an unknown phone and refuses hostile input', async () => {
		expect(await activate('0399999999', 'ABCDE-FGHJK', '10.94.0.1')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await activate('\u0000'.repeat(300), 'x'.repeat(1000), '10.94.0.2')).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});
});

describe('a new code for a guardian', () => {
	it('is given by the homeroom teacher of the class, not by another teacher', async () => {
		const code = `HR${tag}`;
		const staffId = await createStaff(db, admin, qt, {
			code,
			fullName: 'Cô Chủ Nhiệm',
			email: `${code.toLowerCase()}@demo.example`,
			phone: null,
			position: 'teacher',
			subjectIds: []
		});
		await invitedAndActivated(
			db,
			admin,
			qt,
			{ kind: 'staff', id: staffId },
			`${code.toLowerCase()}@demo.example`
		);
		const homeroom = { principal: await principalOf(db, `${code.toLowerCase()}@demo.example`) };
		const phone = newPhone();
		const { classId, guardianIds } = await classWith('HR', [[{ name: 'Mẹ Lan', phone }]], staffId);
		const { slips } = await inviteGuardians(db, admin, qt, classId);

		const other = { principal: await principalOf(db, 'quangtrung.gv@demo.example') };
		await expect(reissueCode(db, other, qt, guardianIds[0])).rejects.toMatchObject({
			status: 404
		});
		const again = await reissueCode(db, homeroom, qt, guardianIds[0]);
		expect(again.code).not.toBe(slips[0].code);
		expect(await activate(phone, slips[0].code, '10.95.0.1')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await activate(phone, again.code, '10.95.0.2')).ok).toBe(true);

		// Forgot the password: a new code sets a new one.
		const reset = await reissueCode(db, admin, qt, guardianIds[0]);
		expect((await activate(phone, reset.code, '10.95.0.3', 'mat-khau-khac-2')).ok).toBe(true);
		expect(
			(await signIn(db, { ...base, login: phone, password: 'mat-khau-khac-2', ip: '10.95.0.4' })).ok
		).toBe(true);
	});

	it('is refused for an account that is also a staff account', async () => {
		const { classId, guardianIds } = await classWith('ST', [[{ name: 'Thầy Phụ Huynh' }]]);
		// A teacher of the school linked as the guardian by the older account form.
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		await db
			.updateTable('guardians')
			.set({ user_id: teacher.userId })
			.where('id', '=', guardianIds[0])
			.execute();
		await expect(reissueCode(db, admin, qt, guardianIds[0])).rejects.toEqual(
			new DomainError('accounts_managed_elsewhere')
		);
		const { slips, active } = await inviteGuardians(db, admin, qt, classId);
		expect(slips).toHaveLength(0);
		expect(active).toBe(1);
	});
});

describe('export of one’s own data', () => {
	it('gives the parent their account, children and consents, and nothing of others', async () => {
		const phone = newPhone();
		const { classId } = await classWith('EX', [[{ name: 'Mẹ Xuất', phone }]]);
		const { slips } = await inviteGuardians(db, admin, qt, classId);
		const ok = await activate(phone, slips[0].code, '10.97.0.1');
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		const principal = (await validateSessionToken(db, ok.token, 30))!.principal;
		const data = await exportOwnData(db, principal);
		expect(data.account).toMatchObject({ id: ok.userId, login_phone: `+84${phone.slice(1)}` });
		expect(data.account).not.toHaveProperty('password_hash');
		expect(data.guardianRecords).toEqual([
			expect.objectContaining({
				full_name: 'Mẹ Xuất',
				children: [expect.objectContaining({ full_name: 'Con 0', class_name: `EX-${tag}` })]
			})
		]);
		expect(data.privacyConsents).toHaveLength(1);
		expect(data.sessions.length).toBeGreaterThan(0);
		expect(JSON.stringify(data)).not.toContain('quangtrung.ph@demo.example');
	});
});
