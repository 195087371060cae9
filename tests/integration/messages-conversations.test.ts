import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { DomainError } from '../../src/lib/server/errors';
import { reply, startAsParent, startAsTeacher } from '../../src/lib/server/messages/conversations';
import { inbox, unreadByChild } from '../../src/lib/server/messages/inbox';
import { loadConversation, requireConversation } from '../../src/lib/server/messages/read';
import { parentRecipients, teacherPupils } from '../../src/lib/server/messages/recipients';
import { loadParentHome } from '../../src/lib/server/parent/home';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
let parent: Principal;
let homeroom: Principal;
let adminQt: Principal;
let adminNtt: Principal;
let teacherNtt: Principal;
/** a teacher of Quang Trung who neither is the homeroom of 8A nor teaches it */
let otherTeacher: Principal;
/** the guardian of another pupil of 8A (made by this test) */
let otherFamily: Principal;
let child: { id: number; classId: number };
let otherPupil: number;
let quangTrung: number;

const actor = (principal: Principal) => ({ principal, requestId: 'messages-test' });
const refusedWith404 = { status: 404 };

async function makeFamily(studentId: number, schoolId: number): Promise<Principal> {
	const email = `messages-family-${studentId}-${Date.now()}@test.example`;
	const user = await db
		.insertInto('users')
		.values({ email, name: 'Phụ huynh khác' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('role_assignments').values({ user_id: user.id, role: 'parent' }).execute();
	const guardian = await db
		.insertInto('guardians')
		.values({ school_id: schoolId, full_name: 'Phụ huynh khác', user_id: user.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('student_guardians')
		.values({ student_id: studentId, guardian_id: guardian.id, relationship: 'mother' })
		.execute();
	return principalOf(db, email);
}

beforeAll(async () => {
	({ db, close } = connectTestDb());
	quangTrung = await schoolIdByName(db, QUANG_TRUNG);
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	homeroom = await principalOf(db, 'quangtrung.gv@demo.example');
	adminQt = await principalOf(db, 'quangtrung.admin@demo.example');
	adminNtt = await principalOf(db, 'nguyentatthanh.admin@demo.example');
	teacherNtt = await principalOf(db, 'nguyentatthanh.gv@demo.example');
	const kids = await parentRecipients(db, parent);
	const in8A = kids.find((k) => k.className === '8A')!;
	const row = await db
		.selectFrom('students')
		.select(['id', 'class_id'])
		.where('id', '=', in8A.studentId)
		.executeTakeFirstOrThrow();
	child = { id: row.id, classId: row.class_id! };
	const pupil = await db
		.selectFrom('students')
		.select('id')
		.where('class_id', '=', child.classId)
		.where('id', '<>', child.id)
		// a pupil no family account is linked to yet (the demo seed links some)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('student_guardians as sg')
						.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
						.select('sg.student_id')
						.whereRef('sg.student_id', '=', 'students.id')
						.where('g.user_id', 'is not', null)
				)
			)
		)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	otherPupil = pupil.id;
	otherFamily = await makeFamily(otherPupil, quangTrung);
	const outsider = await db
		.selectFrom('staff as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.select('u.email')
		.where('s.school_id', '=', quangTrung)
		.where('u.email', 'not in', ['quangtrung.gv@demo.example', 'quangtrung.admin@demo.example'])
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('teaching_assignments as ta')
						.select('ta.id')
						.whereRef('ta.staff_id', '=', 's.id')
						.where('ta.class_id', '=', child.classId)
				)
			)
		)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('classes as c')
						.select('c.id')
						.whereRef('c.homeroom_staff_id', '=', 's.id')
						.where('c.id', '=', child.classId)
				)
			)
		)
		.orderBy('s.id')
		.executeTakeFirstOrThrow();
	otherTeacher = await principalOf(db, outsider.email!);
});
afterAll(() => close());

const body = 'Thưa cô,\n\tcháu bị sốt từ tối qua.\nXin phép cô cho cháu nghỉ.';

describe('conversations between a family and the school', () => {
	it('a parent writes to the homeroom teacher about a named child; line breaks kept; "đã xem"', async () => {
		const id = await startAsParent(db, actor(parent), {
			to: { studentId: child.id, kind: 'homeroom', subjectId: null },
			title: 'Xin nghỉ học',
			body
		});
		const first = await loadConversation(db, parent, 'family', id);
		expect(first.kind).toBe('homeroom');
		expect(first.messages).toHaveLength(1);
		expect(first.messages[0].body).toBe(body);
		const teacherSide = first.participants.find((p) => p.userId === homeroom.userId)!;
		expect(teacherSide.side).toBe('staff');
		expect(teacherSide.lastReadAt).toBeNull();

		// The teacher's inbox shows it unread; opening it marks it read.
		const before = await inbox(db, homeroom, 'staff');
		expect(before.rows.find((r) => r.id === id)).toMatchObject({ unread: true });
		const seen = await loadConversation(db, homeroom, 'staff', id);
		expect(seen.messages[0].body).toBe(body);
		const after = await inbox(db, homeroom, 'staff');
		expect(after.rows.find((r) => r.id === id)).toMatchObject({ unread: false });

		// The parent now sees the teacher's receipt on the message.
		const receipt = (await loadConversation(db, parent, 'family', id)).participants.find(
			(p) => p.userId === homeroom.userId
		)!;
		expect(receipt.lastReadMessageId).toBe(first.messages[0].id);
		expect(receipt.lastReadAt).toBeInstanceOf(Date);

		// The teacher answers; the parent's inbox and home show it unread until read.
		await reply(db, homeroom, 'staff', id, 'Cô đã nhận được.\nChúc cháu mau khỏe.');
		expect((await inbox(db, parent, 'family')).rows.find((r) => r.id === id)).toMatchObject({
			unread: true,
			preview: 'Cô đã nhận được.\nChúc cháu mau khỏe.'
		});
		const counts = await unreadByChild(db, parent, [child.id]);
		expect(counts.get(child.id)!.unread).toBeGreaterThanOrEqual(1);
		const home = await loadParentHome(db, parent);
		expect(home.find((c) => c.id === child.id)!.messages.unread).toBeGreaterThanOrEqual(1);
		const thread = await loadConversation(db, parent, 'family', id);
		expect(thread.messages.map((m) => m.side)).toEqual(['family', 'staff']);
		expect((await inbox(db, parent, 'family')).rows.find((r) => r.id === id)!.unread).toBe(false);
	});

	it('refuses every read by someone who is not a participant, across families and schools (404)', async () => {
		const id = await startAsParent(db, actor(parent), {
			to: { studentId: child.id, kind: 'homeroom', subjectId: null },
			title: 'Riêng tư',
			body: 'Chỉ cô và gia đình được đọc.'
		});
		const outsiders: [Principal, 'family' | 'staff' | 'office'][] = [
			[otherFamily, 'family'],
			[otherTeacher, 'staff'],
			[adminQt, 'staff'],
			[adminQt, 'office'],
			[adminNtt, 'office'],
			[teacherNtt, 'staff'],
			[homeroom, 'family'],
			[parent, 'staff']
		];
		for (const [who, view] of outsiders) {
			await expect(
				loadConversation(db, who, view, id),
				`${who.email} ${view}`
			).rejects.toMatchObject(refusedWith404);
			await expect(reply(db, who, view, id, 'xen vào')).rejects.toMatchObject(refusedWith404);
			expect((await inbox(db, who, view)).rows.some((r) => r.id === id)).toBe(false);
		}
		// Nothing was added by the refused calls: still one message, two participants.
		const page = await loadConversation(db, parent, 'family', id);
		expect(page.messages).toHaveLength(1);
		expect(page.participants.map((p) => p.userId).sort()).toEqual(
			[parent.userId, homeroom.userId].sort()
		);
	});

	it('a parent cannot write about another family’s child or to a teacher who does not teach the child', async () => {
		const attempts = [
			{ studentId: otherPupil, kind: 'homeroom' as const, subjectId: null },
			{ studentId: otherPupil, kind: 'office' as const, subjectId: null },
			{ studentId: 2_000_000_000, kind: 'office' as const, subjectId: null },
			{ studentId: child.id, kind: 'subject' as const, subjectId: 2_000_000_000 }
		];
		for (const to of attempts) {
			await expect(
				startAsParent(db, actor(parent), { to, title: 't', body: 'b' })
			).rejects.toMatchObject({ code: 'messages_recipient_unavailable', field: 'to' });
		}
	});

	it('offers the homeroom, the subject teachers of the child’s class and the office', async () => {
		const kids = await parentRecipients(db, parent);
		expect(kids.map((k) => k.studentId)).toContain(child.id);
		expect(kids.map((k) => k.studentId)).not.toContain(otherPupil);
		const mine = kids.find((k) => k.studentId === child.id)!;
		expect(mine.homeroom).toBe(homeroom.name);
		expect(mine.teachers.length).toBeGreaterThan(0);
		const subject = mine.teachers[0];
		const id = await startAsParent(db, actor(parent), {
			to: { studentId: child.id, kind: 'subject', subjectId: subject.subjectId },
			title: 'Bài tập',
			body: 'Xin hỏi cô về bài tập.'
		});
		const page = await loadConversation(db, parent, 'family', id);
		expect(page).toMatchObject({ kind: 'subject', subjectVi: subject.subjectVi });
		expect(page.staffName).toBe(subject.teacherName);
	});

	it('the school office: its admins read and answer, other schools’ admins and teachers do not', async () => {
		const id = await startAsParent(db, actor(parent), {
			to: { studentId: child.id, kind: 'office', subjectId: null },
			title: 'Học phí bán trú',
			body: 'Xin hỏi văn phòng về bán trú.'
		});
		const office = await inbox(db, adminQt, 'office', { schoolId: quangTrung });
		expect(office.rows.find((r) => r.id === id)).toMatchObject({ unread: true });
		await expect(
			requireConversation(db, adminQt, 'office', id, { schoolId: quangTrung + 100000 })
		).rejects.toMatchObject(refusedWith404);
		await reply(db, adminQt, 'office', id, 'Văn phòng đã nhận.');
		const page = await loadConversation(db, parent, 'family', id);
		expect(page.participants.find((p) => p.userId === adminQt.userId)).toMatchObject({
			side: 'staff'
		});
		// An office conversation is not in the admin's teacher inbox, nor readable there.
		expect((await inbox(db, adminQt, 'staff')).rows.some((r) => r.id === id)).toBe(false);
		await expect(loadConversation(db, homeroom, 'staff', id)).rejects.toMatchObject(refusedWith404);
		await expect(loadConversation(db, adminNtt, 'office', id)).rejects.toMatchObject(
			refusedWith404
		);
	});

	it('a teacher writes to the guardians (with accounts) of a pupil of their classes only', async () => {
		const pupils = await teacherPupils(db, homeroom);
		expect(pupils.find((p) => p.id === otherPupil)).toMatchObject({ reachable: 1 });
		const id = await startAsTeacher(db, actor(homeroom), {
			student: otherPupil,
			title: 'Họp phụ huynh',
			body: 'Mời gia đình dự họp.'
		});
		const page = await loadConversation(db, otherFamily, 'family', id);
		expect(page.kind).toBe('homeroom');
		await expect(loadConversation(db, parent, 'family', id)).rejects.toMatchObject(refusedWith404);
		// A teacher who does not teach the pupil, and a teacher of another school, are refused.
		for (const who of [otherTeacher, teacherNtt]) {
			const attempt = startAsTeacher(db, actor(who), {
				student: otherPupil,
				title: 't',
				body: 'b'
			});
			await expect(attempt).rejects.toBeInstanceOf(DomainError);
			await expect(attempt).rejects.toMatchObject({ code: 'messages_recipient_unavailable' });
		}
	});
});
