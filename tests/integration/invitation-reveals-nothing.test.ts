import { refreshSchoolCounts } from '../../src/lib/server/roster/context';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { signIn } from '../../src/lib/server/auth/service';
import { activateAccount, confirmActivation } from '../../src/lib/server/accounts/activation';
import {
	inviteGuardians,
	reissueCode,
	type InviteResult
} from '../../src/lib/server/accounts/invitations';
import {
	classGuardianAccounts,
	schoolInvitationSummary
} from '../../src/lib/server/accounts/invitation-status';
import { setMailTransport } from '../../src/lib/server/messages/outbox';
import { createStaff } from '../../src/lib/server/roster/staff';
import { createAccount } from '../../src/lib/server/roster/accounts';
import { confirmActivationSchema } from '../../src/lib/schemas/accounts';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import { invitedAndActivated } from '../helpers/invite';

/**
 * Issue 8, item 10, the rest: the class invitation (printable slips) asks the owners of accounts
 * in use and prints them a slip like any other, with the same counts; and trying a slip's code at
 * /activate with an e-mail address answers a real code (new account) and a decoy (an account in
 * use) alike, until the e-mailed link, which only the mailbox's owner has.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
let admin: Actor;
let nttAdmin: Actor;
let yearId: number;
const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
let seq = Math.floor(Math.random() * 9_000_000);
const newPhone = () => `038${String(++seq % 10_000_000).padStart(7, '0')}`;
const newEmail = () => `rn-${tag.toLowerCase()}-${++seq}@demo.example`;
const ip = () => `10.78.${++seq % 250}.${Math.floor(Math.random() * 250)}`;
const DEMO_PARENT_PHONE = '0987654321';

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
	admin = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
	nttAdmin = { principal: await principalOf(db, 'nguyentatthanh.admin@demo.example') };
	yearId = (
		await db
			.selectFrom('school_years')
			.select('id')
			.where('is_current', '=', true)
			.executeTakeFirstOrThrow()
	).id;
	setMailTransport(null);
});
afterAll(async () => {
	setMailTransport(undefined);
	await close();
});

type Family = { name: string; phone?: string; email?: string }[];

/** A class of its own, one pupil per family, written in one transaction. */
async function classWith(name: string, families: Family[]) {
	return db.transaction().execute(async (db) => {
		const cls = await db
			.insertInto('classes')
			.values({ school_id: qt, school_year_id: yearId, grade: 8, name: `${name}-${tag}` })
			.returning('id')
			.executeTakeFirstOrThrow();
		const guardianIds: number[] = [];
		for (const [i, family] of families.entries()) {
			const student = await db
				.insertInto('students')
				.values({
					school_id: qt,
					class_id: cls.id,
					code: `${name}${tag}${i}`,
					full_name: `Con ${i}`
				})
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
		// the school's counts as the roster service keeps them, in the same transaction (other
		// files compare the stored count with the pupils listed)
		await refreshSchoolCounts(db, [qt]);
		return { classId: cls.id, guardianIds };
	});
}

/** An account in use at another school, made as a school does it (e-mail off meanwhile). */
async function accountInUse(password = 'mat-khau-that-1') {
	const email = newEmail();
	const row = await createStaff(db, nttAdmin, ntt, {
		code: `RN${tag}${++seq}`,
		fullName: 'Giáo Viên Trường Khác',
		email: null,
		phone: null,
		position: 'teacher',
		subjectIds: []
	});
	await invitedAndActivated(db, nttAdmin, ntt, { kind: 'staff', id: row }, email, password);
	return email;
}

const DAY = 86_400_000;

/** The answer with what differs by nature (names, codes, numbers, instants) replaced by its form. */
function shape(result: InviteResult) {
	return {
		...result,
		slips: result.slips.map((s) => ({
			keys: Object.keys(s).sort(),
			code: /^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/.test(s.code),
			days: Math.round((new Date(s.expiresAt).getTime() - Date.now()) / DAY),
			login: s.login.includes('@') ? 'e-mail' : s.login.replace(/\d/g, '9'),
			children: s.children.map((c) => ({ ...c, name: 'n', className: 'c' }))
		}))
	};
}

const sameRows = <T extends object>(rows: T[], drop: (keyof T)[]) =>
	rows.map((r) =>
		Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k as keyof T)))
	);

describe('the class invitation tells nothing about accounts', () => {
	it('answers, counts, states and figures are the same with accounts in use as without', async () => {
		const inUse = await accountInUse();
		const families = (phone: string, email: string): Family[] => [
			[{ name: 'Mẹ Một', phone }],
			[{ name: 'Bố Hai', email }],
			[{ name: 'Ông Ba' }]
		];
		const plain = await classWith('RNP', families(newPhone(), newEmail()));
		const mixed = await classWith('RNM', families(DEMO_PARENT_PHONE, inUse));
		const a = await inviteGuardians(db, admin, qt, plain.classId);
		const b = await inviteGuardians(db, admin, qt, mixed.classId);
		expect(shape(b)).toEqual(shape(a));
		expect(b).toEqual({ slips: expect.any(Array), active: 0, noContact: 1 });
		expect(b.slips).toHaveLength(2);

		// The accounts in use were asked (a link request each), never linked.
		const requests = await db
			.selectFrom('guardian_link_requests')
			.select(['guardian_id', 'status', 'code_hash'])
			.where('guardian_id', 'in', mixed.guardianIds)
			.orderBy('guardian_id')
			.execute();
		expect(requests.map((r) => [r.guardian_id, r.status])).toEqual([
			[mixed.guardianIds[0], 'pending'],
			[mixed.guardianIds[1], 'pending']
		]);
		for (const r of requests) expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
		const linked = await db
			.selectFrom('guardians')
			.select('user_id')
			.where('id', 'in', mixed.guardianIds)
			.execute();
		expect(linked.every((g) => g.user_id === null)).toBe(true);

		// The class page and the school's figures read alike.
		const states = async (classId: number) =>
			sameRows((await classGuardianAccounts(db, admin.principal, qt, classId)).guardians, [
				'guardianId',
				'guardianName',
				'children',
				'codeExpiresAt'
			]);
		expect(await states(mixed.classId)).toEqual(await states(plain.classId));
		const figures = async (classId: number) => {
			const row = (await schoolInvitationSummary(db, qt)).find((c) => c.id === classId)!;
			return { guardians: row.guardians, active: row.active, invited: row.invited };
		};
		expect(await figures(mixed.classId)).toEqual(await figures(plain.classId));
		expect(await figures(mixed.classId)).toEqual({ guardians: 3, active: 0, invited: 2 });

		// Inviting again: the same again, and still one request per account.
		expect(shape(await inviteGuardians(db, admin, qt, mixed.classId))).toEqual(
			shape(await inviteGuardians(db, admin, qt, plain.classId))
		);
		const again = await db
			.selectFrom('guardian_link_requests')
			.select('id')
			.where('guardian_id', 'in', mixed.guardianIds)
			.execute();
		expect(again).toHaveLength(2);

		// A new slip for one guardian (lost slip): given alike.
		const one = await reissueCode(db, admin, qt, plain.guardianIds[0]);
		const other = await reissueCode(db, admin, qt, mixed.guardianIds[0]);
		expect(shape({ slips: [other], active: 0, noContact: 0 })).toEqual(
			shape({ slips: [one], active: 0, noContact: 0 })
		);
	});
});

describe('trying a code at /activate with an e-mail address', () => {
	let inUse: string;
	beforeAll(async () => {
		inUse = await accountInUse('mat-khau-that-2');
		// E-mail on (a transport that drops everything: the outbox rows are what is read).
		setMailTransport({ async send() {} });
	});

	const activate = (login: string, code: string, password = 'mat-khau-moi-7') =>
		activateAccount(db, { login, code, password, ip: ip(), userAgent: 'vitest', sessionDays: 30 });
	const confirm = (token: string, password = 'mat-khau-moi-7') =>
		confirmActivation(db, { token, password, ip: ip(), userAgent: 'vitest', sessionDays: 30 });

	async function mailsTo(email: string) {
		return db
			.selectFrom('delivery_outbox')
			.select(['subject', 'body'])
			.where('email', '=', email)
			.orderBy('id')
			.execute();
	}

	async function staffRow() {
		return createStaff(db, admin, qt, {
			code: `RA${tag}${++seq}`,
			fullName: 'Đỗ Văn Nam',
			email: null,
			phone: null,
			// office staff: rows this file leaves behind do not change the pilot school's
			// share of teachers using each platform (other files check it is 12/12 in use)
			position: 'staff',
			subjectIds: []
		});
	}

	it('answers a real and a decoy code alike; only the mailbox finishes a real one', async () => {
		const fresh = newEmail();
		const rowNew = await staffRow();
		const rowOld = await staffRow();
		const real = await createAccount(
			db,
			admin,
			qt,
			{ kind: 'staff', id: rowNew },
			{
				email: fresh,
				roles: ['teacher']
			}
		);
		const decoy = await createAccount(
			db,
			admin,
			qt,
			{ kind: 'staff', id: rowOld },
			{
				email: inUse,
				roles: ['teacher']
			}
		);
		const emailed = { ok: false, reason: 'emailed' };
		expect(await activate(fresh, real.slip.code)).toEqual(emailed);
		expect(await activate(inUse, decoy.slip.code, 'chiem-tai-khoan-2')).toEqual(emailed);
		// A wrong code is still wrong, for both.
		expect(await activate(fresh, 'ABCDE-FGHJK')).toEqual({ ok: false, reason: 'invalid' });
		expect(await activate(inUse, 'ABCDE-FGHJK')).toEqual({ ok: false, reason: 'invalid' });

		// Nothing changed yet: the new account has no password, the old one keeps its own.
		const account = await db
			.selectFrom('users')
			.select('password_hash')
			.where('email', '=', fresh)
			.executeTakeFirstOrThrow();
		expect(account.password_hash).toBeNull();
		const old = await signIn(db, {
			login: inUse,
			password: 'mat-khau-that-2',
			ip: ip(),
			userAgent: 'vitest',
			sessionDays: 30
		});
		expect(old).toMatchObject({ ok: true });

		// What only the mailbox's owner reads: a link to finish, or "sign in and accept".
		const [toNew] = await mailsTo(fresh);
		expect(toNew.body).toMatch(/\/activate\/confirm\?t=[A-Za-z0-9_-]{43}/);
		const [toOld] = await mailsTo(inUse);
		expect(toOld.body).toContain('/account/links');
		expect(toOld.body).not.toContain('/activate/confirm');
		expect(toOld.body).toContain(QUANG_TRUNG);

		// The link: the password chosen at /activate finishes it, once.
		const token = toNew.body.match(/t=([A-Za-z0-9_-]{43})/)![1];
		expect(await confirm(token, 'mat-khau-khac-1')).toEqual({ ok: false, reason: 'invalid' });
		expect(await confirm(token)).toMatchObject({ ok: true, kind: 'staff' });
		expect(await confirm(token)).toEqual({ ok: false, reason: 'invalid' });
		const linked = await db
			.selectFrom('staff')
			.select('user_id')
			.where('id', 'in', [rowNew, rowOld])
			.orderBy('id')
			.execute();
		expect(linked[0].user_id).not.toBeNull();
		expect(linked[1].user_id).toBeNull();
	});

	it('the same for the guardians of a class invited by e-mail', async () => {
		const fresh = newEmail();
		const { classId } = await classWith('RNE', [
			[{ name: 'Mẹ Mới', email: fresh }],
			[{ name: 'Mẹ Cũ', email: inUse }]
		]);
		const { slips } = await inviteGuardians(db, admin, qt, classId);
		expect(slips.map((s) => s.login).sort()).toEqual([fresh, inUse].sort());
		for (const slip of slips)
			expect(await activate(slip.login, slip.code)).toEqual({ ok: false, reason: 'emailed' });
	});

	it('hostile inputs are refused, never reach the database', async () => {
		for (const bad of [
			{ token: 'a'.repeat(42) + '\u0000', password: 'x' },
			{ token: 'a'.repeat(100_000), password: 'x' },
			{ token: 'a'.repeat(43), password: 'x'.repeat(100_000) },
			{ token: 'a'.repeat(43), password: 'ab\u0000cd' },
			{ token: 12345, password: 'x' },
			{ token: 'a'.repeat(43), password: ['x'] }
		])
			expect(confirmActivationSchema.safeParse(bad).success).toBe(false);
		expect(await confirm('A'.repeat(43))).toEqual({ ok: false, reason: 'invalid' });
	});
});
