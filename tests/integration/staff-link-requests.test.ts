import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { hashPassword } from '../../src/lib/server/auth/password';
import { invitedAndActivated } from '../helpers/invite';
import { loadRoles, type Principal } from '../../src/lib/server/auth/session';
import { createStaff } from '../../src/lib/server/roster/staff';
import { accountInfo, createAccount, type SchoolRole } from '../../src/lib/server/roster/accounts';
import {
	answerLinkRequest,
	countPendingLinkRequests,
	pendingLinkRequests
} from '../../src/lib/server/accounts/link-requests';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';

/**
 * Issue 8, item 10 for staff rows: a school admin never attaches an account in use as a member of
 * the staff. The school asks (the same words whatever exists); only the owner's acceptance links
 * the staff row and grants the offered roles, at that school only. Officials' accounts are never
 * asked nor linked.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
let admin: Actor;
let nttAdmin: Actor;
const tag = Math.random().toString(36).slice(2, 8).toLowerCase();
let seq = 0;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
	admin = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
	nttAdmin = { principal: await principalOf(db, 'nguyentatthanh.admin@demo.example') };
});
afterAll(() => close());

const actorOf = (principal: Principal): Actor => ({ principal });

/** A staff row of the school, without an account. */
async function staffRow(by: Actor, schoolId: number, fullName = 'Hoàng Văn Nam') {
	const code = `SL${tag}${++seq}`.toUpperCase();
	return createStaff(db, by, schoolId, {
		code,
		fullName,
		email: null,
		phone: null,
		position: 'teacher',
		subjectIds: []
	});
}

/** A teacher of Nguyễn Tất Thành with an account in use (a password of their own). */
async function teacherOfOtherSchool(): Promise<Principal> {
	const email = `gv-${tag}-${++seq}@demo.example`;
	const id = await staffRow(nttAdmin, ntt, 'Giáo Viên Trường Khác');
	await invitedAndActivated(db, nttAdmin, ntt, { kind: 'staff', id }, email);
	return principalOf(db, email);
}

/** What the school can see of a staff row's account after the form. */
async function schoolView(staffId: number) {
	const row = await db
		.selectFrom('staff')
		.select('user_id')
		.where('id', '=', staffId)
		.executeTakeFirstOrThrow();
	return { userId: row.user_id, account: await accountInfo(db, qt, row.user_id) };
}

const ask = (staffId: number, email: string, roles: SchoolRole[] = ['teacher']) =>
	createAccount(db, admin, qt, { kind: 'staff', id: staffId }, { email, roles });

const rolesOf = async (userId: number) =>
	(await loadRoles(db, userId)).map((r) => `${r.role}@${r.schoolId ?? '-'}`).sort();

describe('asking the owner of an account to join the staff', () => {
	it('links nothing until the owner accepts, then grants the offered roles at this school only', async () => {
		const owner = await teacherOfOtherSchool();
		const before = await rolesOf(owner.userId);
		expect(before).toEqual([`teacher@${ntt}`]);
		const staffId = await staffRow(admin, qt, 'Trần Quốc Bảo');
		expect(
			await ask(staffId, owner.email!.toUpperCase(), ['teacher', 'school_admin'])
		).toMatchObject({ kind: 'invited', slip: { email: owner.email } });
		expect(await schoolView(staffId)).toEqual({ userId: null, account: null });
		expect(await rolesOf(owner.userId)).toEqual(before);

		expect(await countPendingLinkRequests(db, owner)).toBe(1);
		const [request] = await pendingLinkRequests(db, owner);
		expect(request).toMatchObject({
			kind: 'staff',
			schoolName: QUANG_TRUNG,
			name: 'Trần Quốc Bảo',
			roles: ['teacher', 'school_admin'],
			children: []
		});
		expect(await answerLinkRequest(db, actorOf(owner), request.id, true)).toEqual({
			answer: 'accepted',
			kind: 'staff'
		});
		expect((await schoolView(staffId)).userId).toBe(owner.userId);
		expect(await rolesOf(owner.userId)).toEqual(
			[`school_admin@${qt}`, `teacher@${ntt}`, `teacher@${qt}`].sort()
		);
		expect(await countPendingLinkRequests(db, owner)).toBe(0);
		await expect(answerLinkRequest(db, actorOf(owner), request.id, true)).rejects.toMatchObject({
			status: 404
		});
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_user_id'])
			.where('entity', '=', 'user')
			.where('entity_id', '=', String(owner.userId))
			.where('school_id', '=', qt)
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{ action: 'account.link_request', actor_user_id: admin.principal.userId },
			{ action: 'account.link', actor_user_id: owner.userId }
		]);
	});

	it('gives the school the same outcome for a teacher elsewhere, a parent, the department and an area', async () => {
		const teacher = await teacherOfOtherSchool();
		const parentEmail = `ph-${tag}-${++seq}@demo.example`;
		await db
			.insertInto('users')
			.values({ email: parentEmail, name: 'Phụ Huynh', password_hash: await hashPassword('x-1') })
			.execute();
		const emails = [teacher.email!, parentEmail, 'so@demo.example', 'vanyen@demo.example'];
		const seen = [];
		for (const email of emails) {
			const staffId = await staffRow(admin, qt);
			const { kind, slip } = await ask(staffId, email);
			seen.push({ outcome: { kind, roles: slip.roles }, view: await schoolView(staffId) });
		}
		const neutral = {
			outcome: { kind: 'invited', roles: ['teacher'] },
			view: { userId: null, account: null }
		};
		expect(seen).toEqual(emails.map(() => neutral));
		// Officials get no request at all: nothing they could accept, no role ever granted.
		for (const email of ['so@demo.example', 'vanyen@demo.example']) {
			const official = await principalOf(db, email);
			expect((await pendingLinkRequests(db, official)).filter((r) => r.kind === 'staff')).toEqual(
				[]
			);
			expect(official.roles.map((r) => r.role)).toEqual([
				email.startsWith('so') ? 'department' : 'area'
			]);
		}
		expect(
			await db
				.selectFrom('guardian_link_requests as r')
				.innerJoin('role_assignments as a', 'a.user_id', 'r.user_id')
				.select('r.id')
				.where('r.staff_id', 'is not', null)
				// What an official could ever see or have answered (a withheld one that a later
				// invitation of the same row cancelled was never shown either).
				.where('r.status', 'in', ['pending', 'accepted', 'refused'])
				.where('a.role', 'in', ['department', 'area'])
				.execute()
		).toEqual([]);
	});

	it('links nothing when the owner refuses, and asking again sends nothing new', async () => {
		const owner = await teacherOfOtherSchool();
		const staffId = await staffRow(admin, qt);
		await ask(staffId, owner.email!);
		const [request] = await pendingLinkRequests(db, owner);
		expect(await answerLinkRequest(db, actorOf(owner), request.id, false)).toEqual({
			answer: 'refused',
			kind: 'staff'
		});
		expect(await schoolView(staffId)).toEqual({ userId: null, account: null });
		expect(await rolesOf(owner.userId)).toEqual([`teacher@${ntt}`]);
		expect(await ask(staffId, owner.email!)).toMatchObject({ kind: 'invited' });
		expect(await countPendingLinkRequests(db, owner)).toBe(0);
	});

	it('lets nobody but the owner answer: not the school that asked, not another teacher', async () => {
		const owner = await teacherOfOtherSchool();
		const staffId = await staffRow(admin, qt);
		await ask(staffId, owner.email!);
		const [request] = await pendingLinkRequests(db, owner);
		for (const other of [admin.principal, await teacherOfOtherSchool()])
			for (const accept of [true, false])
				await expect(
					answerLinkRequest(db, actorOf(other), request.id, accept)
				).rejects.toMatchObject({ status: 404 });
		expect((await schoolView(staffId)).userId).toBeNull();
	});

	it('makes a request stale when the staff row got an account meanwhile', async () => {
		const owner = await teacherOfOtherSchool();
		const staffId = await staffRow(admin, qt);
		await ask(staffId, owner.email!);
		const [request] = await pendingLinkRequests(db, owner);
		// Linked otherwise meanwhile (another account, as a concurrent activation would).
		const other = await db
			.insertInto('users')
			.values({ email: `new-${tag}-${++seq}@demo.example`, name: 'Người Khác' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.updateTable('staff').set({ user_id: other.id }).where('id', '=', staffId).execute();
		expect(await answerLinkRequest(db, actorOf(owner), request.id, true)).toEqual({
			answer: 'stale',
			kind: 'staff'
		});
		expect((await schoolView(staffId)).userId).not.toBe(owner.userId);
		expect(await rolesOf(owner.userId)).toEqual([`teacher@${ntt}`]);
	});

	it('answers concurrent acceptances with one link: the same request twice, two rows at once', async () => {
		const owner = await teacherOfOtherSchool();
		const first = await staffRow(admin, qt);
		const second = await staffRow(admin, qt);
		await ask(first, owner.email!);
		await ask(second, owner.email!, ['school_admin']);
		const requests = await pendingLinkRequests(db, owner);
		expect(requests).toHaveLength(2);
		const results = await Promise.allSettled([
			answerLinkRequest(db, actorOf(owner), requests[0].id, true),
			answerLinkRequest(db, actorOf(owner), requests[0].id, true),
			answerLinkRequest(db, actorOf(owner), requests[1].id, true)
		]);
		const answers = results.map((r) => (r.status === 'fulfilled' ? r.value.answer : 'missing'));
		expect(answers.filter((a) => a === 'accepted')).toHaveLength(1);
		expect(answers.filter((a) => a === 'missing')).toHaveLength(1);
		const linked = await db
			.selectFrom('staff')
			.select('id')
			.where('school_id', '=', qt)
			.where('user_id', '=', owner.userId)
			.execute();
		expect(linked).toHaveLength(1);
		const qtRoles = (await rolesOf(owner.userId)).filter((r) => r.endsWith(`@${qt}`));
		expect(qtRoles).toEqual(linked[0].id === first ? [`teacher@${qt}`] : [`school_admin@${qt}`]);
	});
});
