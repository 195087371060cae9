import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { hashPassword } from '../../src/lib/server/auth/password';
import { loadRoles, type Principal } from '../../src/lib/server/auth/session';
import { listParentChildren } from '../../src/lib/server/org/people';
import { createStudent } from '../../src/lib/server/roster/students';
import { addGuardianToStudent } from '../../src/lib/server/roster/guardian-links';
import { createAccount } from '../../src/lib/server/roster/accounts';
import { inviteGuardians } from '../../src/lib/server/accounts/invitations';
import {
	answerLinkRequest,
	countPendingLinkRequests,
	pendingLinkRequests
} from '../../src/lib/server/accounts/link-requests';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

/**
 * Issue 8, item 10: a school admin never attaches an account in use as a guardian. The school asks;
 * only the owner sees the request and only the owner's acceptance links the account.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let admin: Actor;
const tag = Math.random().toString(36).slice(2, 8).toLowerCase();
let seq = 0;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	admin = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
});
afterAll(() => close());

/** An activated account of someone outside the school (no role yet). */
async function ownAccount(name: string): Promise<Principal> {
	const email = `owner-${tag}-${++seq}@demo.example`;
	await db
		.insertInto('users')
		.values({ email, name, password_hash: await hashPassword('mat-khau-rieng-1') })
		.execute();
	return principalOf(db, email);
}

/** A pupil (no class) and one guardian row without an account. */
async function pupilWithGuardian(childName: string, guardian: { phone?: string } = {}) {
	const studentId = await createStudent(db, admin, qt, {
		code: `LR${tag}${++seq}`.toUpperCase(),
		fullName: childName,
		dateOfBirth: '2013-04-05',
		gender: 'F',
		ethnicityCode: '01',
		classId: null
	});
	const guardianId = await addGuardianToStudent(db, admin, qt, studentId, {
		fullName: 'Trần Thị Mai',
		phone: guardian.phone ?? null,
		email: null,
		relationship: 'mother'
	});
	return { studentId, guardianId };
}

const linkedUser = async (guardianId: number) =>
	(
		await db
			.selectFrom('guardians')
			.select('user_id')
			.where('id', '=', guardianId)
			.executeTakeFirstOrThrow()
	).user_id;

const actorOf = (principal: Principal): Actor => ({ principal });
const fresh = async (p: Principal) => principalOf(db, p.email!);

describe('asking the owner of an account to become a guardian', () => {
	it('links only after the owner accepts, and the owner then sees the child', async () => {
		const owner = await ownAccount('Chủ Tài Khoản');
		const { studentId, guardianId } = await pupilWithGuardian('Nguyễn Thảo Vy');
		const outcome = await createAccount(
			db,
			admin,
			qt,
			{ kind: 'guardian', id: guardianId },
			{ email: owner.email!.toUpperCase() }
		);
		expect(outcome).toMatchObject({ kind: 'invited', slip: { email: owner.email, roles: [] } });
		expect(await linkedUser(guardianId)).toBeNull();
		expect(await loadRoles(db, owner.userId)).toEqual([]);

		expect(await countPendingLinkRequests(db, owner)).toBe(1);
		const [request] = await pendingLinkRequests(db, owner);
		expect(request).toMatchObject({
			schoolName: QUANG_TRUNG,
			name: 'Trần Thị Mai',
			children: [{ name: 'Nguyễn Thảo Vy', className: null }]
		});

		expect(await answerLinkRequest(db, actorOf(owner), request.id, true)).toMatchObject({
			answer: 'accepted'
		});
		expect(await linkedUser(guardianId)).toBe(owner.userId);
		const now = await fresh(owner);
		expect(now.roles.map((r) => r.role)).toEqual(['parent']);
		expect((await listParentChildren(db, now)).map((c) => c.id)).toEqual([studentId]);
		expect(await countPendingLinkRequests(db, owner)).toBe(0);
		// Answered once: a second answer (a reload, a replay) finds nothing.
		await expect(answerLinkRequest(db, actorOf(owner), request.id, false)).rejects.toMatchObject({
			status: 404
		});
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_user_id'])
			.where('entity', '=', 'user')
			.where('entity_id', '=', String(owner.userId))
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{ action: 'account.link_request', actor_user_id: admin.principal.userId },
			{ action: 'account.link', actor_user_id: owner.userId }
		]);
	});

	it('links nothing when the owner refuses, and asking again sends nothing new', async () => {
		const owner = await ownAccount('Người Từ Chối');
		const { guardianId } = await pupilWithGuardian('Lê Minh Khang');
		const target = { kind: 'guardian' as const, id: guardianId };
		await createAccount(db, admin, qt, target, { email: owner.email! });
		const [request] = await pendingLinkRequests(db, owner);
		expect(await answerLinkRequest(db, actorOf(owner), request.id, false)).toMatchObject({
			answer: 'refused'
		});
		expect(await linkedUser(guardianId)).toBeNull();
		expect(await loadRoles(db, owner.userId)).toEqual([]);
		expect(await createAccount(db, admin, qt, target, { email: owner.email! })).toMatchObject({
			kind: 'invited'
		});
		expect(await countPendingLinkRequests(db, owner)).toBe(0);
	});

	it("lets nobody else see or answer someone's request: not the school, another parent, an official", async () => {
		const owner = await ownAccount('Chủ Thật');
		const { guardianId } = await pupilWithGuardian('Phạm Gia Hân');
		await createAccount(
			db,
			admin,
			qt,
			{ kind: 'guardian', id: guardianId },
			{ email: owner.email! }
		);
		const [request] = await pendingLinkRequests(db, owner);
		const others = [
			admin.principal,
			await principalOf(db, 'quangtrung.ph@demo.example'),
			await principalOf(db, 'so@demo.example'),
			await ownAccount('Người Khác')
		];
		for (const other of others) {
			expect((await pendingLinkRequests(db, other)).map((r) => r.id)).not.toContain(request.id);
			for (const accept of [true, false])
				await expect(
					answerLinkRequest(db, actorOf(other), request.id, accept)
				).rejects.toMatchObject({ status: 404 });
		}
		expect(await linkedUser(guardianId)).toBeNull();
		expect(await countPendingLinkRequests(db, owner)).toBe(1);
	});

	it('gives the school the same answer for a parent, a teacher of another school and the department', async () => {
		const owner = await ownAccount('Phụ Huynh Khác Trường');
		const emails = [owner.email!, 'nguyentatthanh.gv@demo.example', 'so@demo.example'];
		const answers = [];
		for (const [i, email] of emails.entries()) {
			const { guardianId } = await pupilWithGuardian(`Đỗ Anh Thư ${i}`);
			const { kind, slip } = await createAccount(
				db,
				admin,
				qt,
				{ kind: 'guardian', id: guardianId },
				{ email }
			);
			answers.push({ kind, roles: slip.roles, name: slip.name, code: slip.code.length });
		}
		expect(answers[1]).toEqual(answers[0]);
		expect(answers[2]).toEqual(answers[0]);
		const so = await principalOf(db, 'so@demo.example');
		expect(so.roles.map((r) => r.role)).toEqual(['department']);
		// The department official (who may be a parent too) refuses; the parent accepts.
		const [soRequest] = (await pendingLinkRequests(db, so)).filter((r) =>
			r.children.some((c) => c.name === 'Đỗ Anh Thư 2')
		);
		expect(await answerLinkRequest(db, actorOf(so), soRequest.id, false)).toMatchObject({
			answer: 'refused'
		});
		const [mine] = await pendingLinkRequests(db, owner);
		expect(await answerLinkRequest(db, actorOf(owner), mine.id, true)).toMatchObject({
			answer: 'accepted'
		});
		expect((await principalOf(db, 'so@demo.example')).roles.map((r) => r.role)).toEqual([
			'department'
		]);
	});

	it('makes a request stale when the guardian row was linked otherwise meanwhile', async () => {
		const first = await ownAccount('Người Thứ Nhất');
		const { guardianId } = await pupilWithGuardian('Võ Bảo Ngọc');
		const target = { kind: 'guardian' as const, id: guardianId };
		await createAccount(db, admin, qt, target, { email: first.email! });
		const [request] = await pendingLinkRequests(db, first);
		// The row is linked with another account meanwhile (as a concurrent activation would).
		const other = await ownAccount('Người Khác');
		await db
			.updateTable('guardians')
			.set({ user_id: other.userId })
			.where('id', '=', guardianId)
			.execute();
		expect(await answerLinkRequest(db, actorOf(first), request.id, true)).toMatchObject({
			answer: 'stale'
		});
		expect(await linkedUser(guardianId)).not.toBe(first.userId);
		expect(await loadRoles(db, first.userId)).toEqual([]);
	});

	it('answers a double acceptance at once with one link and one 404', async () => {
		const owner = await ownAccount('Bấm Hai Lần');
		const { guardianId } = await pupilWithGuardian('Hồ Nhật Minh');
		await createAccount(
			db,
			admin,
			qt,
			{ kind: 'guardian', id: guardianId },
			{ email: owner.email! }
		);
		const [request] = await pendingLinkRequests(db, owner);
		const results = await Promise.allSettled(
			[1, 2].map(() => answerLinkRequest(db, actorOf(owner), request.id, true))
		);
		expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value.answer)).toEqual([
			'accepted'
		]);
		expect(results.filter((r) => r.status === 'rejected')).toEqual([
			expect.objectContaining({ reason: expect.objectContaining({ status: 404 }) })
		]);
		expect((await fresh(owner)).roles.map((r) => r.role)).toEqual(['parent']);
	});

	it('asks the owner when an invitation finds an account in use by phone, and prints no slip', async () => {
		const phone = `038${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
		const email = `phone-owner-${tag}@demo.example`;
		await db
			.insertInto('users')
			.values({
				email,
				login_phone: `+84${phone.slice(1)}`,
				name: 'Chủ Số Điện Thoại',
				password_hash: await hashPassword('mat-khau-rieng-2')
			})
			.execute();
		const owner = await principalOf(db, email);
		const yearId = (
			await db
				.selectFrom('school_years')
				.select('id')
				.where('is_current', '=', true)
				.executeTakeFirstOrThrow()
		).id;
		const cls = await db
			.insertInto('classes')
			.values({ school_id: qt, school_year_id: yearId, grade: 9, name: `LR-${tag}` })
			.returning('id')
			.executeTakeFirstOrThrow();
		const student = await db
			.insertInto('students')
			.values({ school_id: qt, class_id: cls.id, code: `LRP${tag}`, full_name: 'Lý Thu Trang' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const guardian = await db
			.insertInto('guardians')
			.values({ school_id: qt, full_name: 'Lý Văn Tâm', phone: phone.replace(/^0/, '+84 ') })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('student_guardians')
			.values({ student_id: student.id, guardian_id: guardian.id })
			.execute();
		const result = await inviteGuardians(db, admin, qt, cls.id);
		// A slip like any other (its code a decoy), nothing that says the account exists.
		expect(result.slips).toHaveLength(1);
		expect(result).toEqual({ slips: expect.any(Array), active: 0, noContact: 0 });
		expect(await linkedUser(guardian.id)).toBeNull();
		const [request] = await pendingLinkRequests(db, owner);
		expect(request.children).toEqual([{ name: 'Lý Thu Trang', className: `LR-${tag}` }]);
		// Inviting again sends nothing new.
		await inviteGuardians(db, admin, qt, cls.id);
		expect(await countPendingLinkRequests(db, owner)).toBe(1);
		expect(await answerLinkRequest(db, actorOf(owner), request.id, true)).toMatchObject({
			answer: 'accepted'
		});
		expect((await listParentChildren(db, await fresh(owner))).map((c) => c.id)).toEqual([
			student.id
		]);
	});
});
