import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { leaveAnswerSchema, leaveSchema } from '../../src/lib/schemas/messages';
import {
	answerLeave,
	classLeave,
	familyLeave,
	familyLeaveOne,
	requestLeave
} from '../../src/lib/server/messages/leave';
import { AUTO_NOTICE_KINDS } from '../../src/lib/server/messages/auto-kinds';
import { processEvents, SETTLE_MS } from '../../src/lib/server/messages/notify';
import { connectTestDb, principalOf } from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
let parent: Principal;
let homeroom: Principal;
let teacherNtt: Principal;
let adminNtt: Principal;
let child8A: number;
let otherPupil: number;

const actor = (principal: Principal) => ({ principal, requestId: 'leave-test' });
const ask = (student: number, from = '2026-12-14', to = '2026-12-15') =>
	leaveSchema.parse({
		student: String(student),
		from,
		to,
		sessions: 'morning',
		reason: 'Cháu đi khám răng.\nXin phép cô.'
	});

beforeAll(async () => {
	({ db, close } = connectTestDb());
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	homeroom = await principalOf(db, 'quangtrung.gv@demo.example');
	teacherNtt = await principalOf(db, 'nguyentatthanh.gv@demo.example');
	adminNtt = await principalOf(db, 'nguyentatthanh.admin@demo.example');
	const kid = await db
		.selectFrom('students as st')
		.innerJoin('classes as c', 'c.id', 'st.class_id')
		.innerJoin('student_guardians as sg', 'sg.student_id', 'st.id')
		.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
		.select(['st.id', 'st.class_id'])
		.where('g.user_id', '=', parent.userId)
		.where('c.name', '=', '8A')
		.executeTakeFirstOrThrow();
	child8A = kid.id;
	const other = await db
		.selectFrom('students')
		.select('id')
		.where('class_id', '=', kid.class_id)
		.where('id', '<>', kid.id)
		.executeTakeFirstOrThrow();
	otherPupil = other.id;
});
afterAll(() => close());

describe('leave requests', () => {
	it('a parent asks for an own child; the homeroom teacher approves; the answer becomes a notice', async () => {
		const id = await requestLeave(db, actor(parent), ask(child8A));
		expect((await familyLeave(db, parent)).map((r) => r.id)).toContain(id);
		const pending = (await classLeave(db, homeroom)).find((r) => r.id === id)!;
		expect(pending).toMatchObject({
			status: 'pending',
			sessions: 'morning',
			fromDay: '2026-12-14'
		});
		expect(pending.reason).toBe('Cháu đi khám răng.\nXin phép cô.');

		await answerLeave(
			db,
			actor(homeroom),
			leaveAnswerSchema.parse({
				leave: String(id),
				version: String(pending.version),
				decision: 'approved',
				note: 'Cô đồng ý.'
			})
		);
		const answered = await familyLeaveOne(db, parent, id);
		expect(answered).toMatchObject({ status: 'approved', answerNote: 'Cô đồng ý.' });
		expect(answered.answeredBy).toBe(homeroom.name);

		await processEvents(db, AUTO_NOTICE_KINDS, new Date(Date.now() + SETTLE_MS + 1000));
		const notice = await db
			.selectFrom('notifications')
			.select(['user_id', 'kind', 'link'])
			.where('kind', '=', 'leave.answered')
			.where('link', '=', `/parent/leave/${id}`)
			.execute();
		expect(notice.map((n) => n.user_id)).toContain(parent.userId);

		// Answered once: a second answer is refused.
		await expect(
			answerLeave(
				db,
				actor(homeroom),
				leaveAnswerSchema.parse({
					leave: String(id),
					version: String(answered.version),
					decision: 'refused'
				})
			)
		).rejects.toMatchObject({ code: 'leave_already_answered' });
	});

	it('refuses another family’s child, and answers or reads by anyone outside the class (404)', async () => {
		await expect(requestLeave(db, actor(parent), ask(otherPupil))).rejects.toMatchObject({
			code: 'leave_not_own_child',
			field: 'student'
		});
		const id = await requestLeave(db, actor(parent), ask(child8A, '2026-12-21', '2026-12-21'));
		const answer = leaveAnswerSchema.parse({
			leave: String(id),
			version: '1',
			decision: 'refused'
		});
		for (const who of [teacherNtt, adminNtt, parent])
			await expect(
				answerLeave(db, actor(who), answer),
				who.email ?? undefined
			).rejects.toMatchObject({
				status: 404
			});
		for (const who of [teacherNtt, adminNtt])
			expect((await classLeave(db, who)).some((r) => r.id === id)).toBe(false);
		await expect(familyLeaveOne(db, homeroom, id)).rejects.toMatchObject({ status: 404 });
		await expect(
			answerLeave(db, actor(homeroom), { ...answer, version: 99 })
		).rejects.toMatchObject({ entity: 'leave_request' });
	});

	it('validates days, sessions and reasons: order, 31 days at most, no control characters', () => {
		const base = { student: '1', sessions: 'all', reason: 'ốm' };
		expect(leaveSchema.safeParse({ ...base, from: '2026-12-10', to: '2026-12-09' }).success).toBe(
			false
		);
		expect(leaveSchema.safeParse({ ...base, from: '2026-12-01', to: '2027-01-05' }).success).toBe(
			false
		);
		expect(leaveSchema.safeParse({ ...base, from: '2026-12-01', to: '2026-12-31' }).success).toBe(
			true
		);
		for (const bad of [
			{ reason: 'a\u0000' },
			{ reason: '' },
			{ reason: 'x'.repeat(2001) },
			{ sessions: 'night' },
			{ from: '31/02/2026' },
			{ student: '99999999999' }
		])
			expect(
				leaveSchema.safeParse({ ...base, from: '2026-12-01', to: '2026-12-01', ...bad }).success,
				JSON.stringify(bad).slice(0, 30)
			).toBe(false);
	});
});
