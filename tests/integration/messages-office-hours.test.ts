import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import {
	vietnamClock,
	nextOfficeStart,
	type OfficeRange
} from '../../src/lib/messages/office-hours';
import { reply, startAsParent } from '../../src/lib/server/messages/conversations';
import { deliverBatch, type MailTransport } from '../../src/lib/server/messages/delivery';
import {
	conversationOfficeHours,
	myOfficeHours,
	officeHoursByStaff,
	saveOfficeHours
} from '../../src/lib/server/messages/office-hours';
import { DELIVER_JOB, setMailTransport } from '../../src/lib/server/messages/outbox';
import { parentRecipients } from '../../src/lib/server/messages/recipients';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

/**
 * Teachers' office hours (issue 13): a teacher replaces only their own hours; a parent's message
 * outside them is in the portal at once but its e-mail to the teacher waits for the next start
 * (outbox row and job both scheduled); inside them, or without hours, it goes at once.
 */
let db: DB;
let close: () => Promise<void>;
let parent: Principal;
let teacher: Principal;
let staffId: number;
const sent: string[] = [];
const recorder: MailTransport = {
	async send(mail) {
		sent.push(mail.to);
	}
};
const actor = (p: Principal) => ({ principal: p, requestId: 'office-hours-test' });
const ALL_DAY: OfficeRange[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
	weekday,
	start: 0,
	end: 1440
}));

/** A range tomorrow (Vietnam time) only: now is outside office hours. */
function tomorrowOnly(): OfficeRange[] {
	const { weekday } = vietnamClock(new Date());
	return [{ weekday: (weekday % 7) + 1, start: 7 * 60, end: 8 * 60 }];
}

async function writeAsParent(title: string) {
	const child = (await parentRecipients(db, parent)).find((k) => k.className === '8A')!;
	const conversationId = await startAsParent(db, actor(parent), {
		to: { kind: 'homeroom', studentId: child.studentId, subjectId: null },
		title,
		body: 'Thưa cô, cháu xin hỏi lịch kiểm tra.'
	});
	const message = await db
		.selectFrom('conversation_messages')
		.select('id')
		.where('conversation_id', '=', conversationId)
		.executeTakeFirstOrThrow();
	return { conversationId, messageId: message.id };
}

async function teacherEmail(messageId: number) {
	const batchKey = `message:${messageId}:staff`;
	const row = await db
		.selectFrom('delivery_outbox')
		.select(['user_id', 'next_attempt_at'])
		.where('batch_key', '=', batchKey)
		.executeTakeFirstOrThrow();
	const job = await db
		.selectFrom('jobs')
		.select('run_at')
		.where('kind', '=', DELIVER_JOB)
		.where('key', '=', batchKey)
		.executeTakeFirstOrThrow();
	return { batchKey, userId: row.user_id, due: row.next_attempt_at, runAt: job.run_at };
}

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	setMailTransport(recorder);
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	teacher = await principalOf(db, 'quangtrung.gv@demo.example');
	const school = await schoolIdByName(db, QUANG_TRUNG);
	staffId = (
		await db
			.selectFrom('staff')
			.select('id')
			.where('user_id', '=', teacher.userId)
			.where('school_id', '=', school)
			.executeTakeFirstOrThrow()
	).id;
	await db
		.insertInto('notification_preferences')
		.values({ user_id: teacher.userId, email_kinds: ['message'] })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ email_kinds: ['message'] }))
		.execute();
});

afterAll(async () => {
	await db.deleteFrom('teacher_office_hours').where('staff_id', '=', staffId).execute();
	await db.deleteFrom('notification_preferences').where('user_id', '=', teacher.userId).execute();
	setMailTransport(undefined);
	await close();
});

describe('saving office hours', () => {
	it('replaces the teacher’s own hours of one school and audits the change', async () => {
		const ranges = [
			{ weekday: 1, start: 420, end: 660 },
			{ weekday: 1, start: 810, end: 1020 },
			{ weekday: 7, start: 480, end: 600 }
		];
		await saveOfficeHours(db, actor(teacher), { staff: staffId, ranges });
		let mine = (await myOfficeHours(db, teacher)).find((s) => s.staffId === staffId)!;
		expect(mine.ranges).toEqual(ranges);
		await saveOfficeHours(db, actor(teacher), { staff: staffId, ranges: ranges.slice(2) });
		mine = (await myOfficeHours(db, teacher)).find((s) => s.staffId === staffId)!;
		expect(mine.ranges).toEqual(ranges.slice(2));
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'staff.office_hours')
			.where('entity_id', '=', String(staffId))
			.execute();
		expect(audit.length).toBeGreaterThanOrEqual(2);
		await saveOfficeHours(db, actor(teacher), { staff: staffId, ranges: [] });
		mine = (await myOfficeHours(db, teacher)).find((s) => s.staffId === staffId)!;
		expect(mine.ranges).toEqual([]);
	});

	it('refuses another teacher’s staff row or an unknown one with 404, changing nothing', async () => {
		const other = await db
			.selectFrom('staff')
			.select('id')
			.where('user_id', '<>', teacher.userId)
			.where('active', '=', true)
			.executeTakeFirstOrThrow();
		for (const staff of [other.id, 2_000_000_000])
			await expect(
				saveOfficeHours(db, actor(teacher), { staff, ranges: ALL_DAY })
			).rejects.toMatchObject({ status: 404 });
		const rows = await db
			.selectFrom('teacher_office_hours')
			.select('staff_id')
			.where('staff_id', '=', other.id)
			.execute();
		expect(rows).toEqual([]);
		// a parent has no staff row at all
		await expect(
			saveOfficeHours(db, actor(parent), { staff: staffId, ranges: ALL_DAY })
		).rejects.toMatchObject({ status: 404 });
	});

	it('keeps the database rules: the end after the start, one range per start', async () => {
		const school = await schoolIdByName(db, QUANG_TRUNG);
		const insert = (start: number, end: number) =>
			db
				.insertInto('teacher_office_hours')
				.values({
					school_id: school,
					staff_id: staffId,
					weekday: 2,
					start_minute: start,
					end_minute: end
				})
				.execute();
		await expect(insert(600, 540)).rejects.toThrow();
		await expect(insert(0, 1441)).rejects.toThrow();
		await db.deleteFrom('teacher_office_hours').where('staff_id', '=', staffId).execute();
	});
});

describe('e-mail to the teacher and office hours', () => {
	it('outside office hours: the message is in the portal at once, its e-mail waits for the next start', async () => {
		const ranges = tomorrowOnly();
		await saveOfficeHours(db, actor(teacher), { staff: staffId, ranges });
		const before = new Date();
		const { conversationId, messageId } = await writeAsParent(`Ngoài giờ ${Date.now()}`);
		const expected = nextOfficeStart(ranges, before)!;
		const email = await teacherEmail(messageId);
		expect(email.userId).toBe(teacher.userId);
		expect(new Date(email.due).toISOString()).toBe(expected.toISOString());
		expect(new Date(email.runAt).toISOString()).toBe(expected.toISOString());
		// nothing goes out now
		sent.length = 0;
		expect(await deliverBatch(db, email.batchKey, recorder, { from: 'x@y.z' })).toMatchObject({
			sent: 0,
			remaining: 1
		});
		expect(sent).toEqual([]);
		// the teacher sees the message at once in the portal
		const inPortal = await db
			.selectFrom('conversation_participants')
			.select('user_id')
			.where('conversation_id', '=', conversationId)
			.where('user_id', '=', teacher.userId)
			.execute();
		expect(inPortal).toHaveLength(1);
		// the parent's page says when to expect an answer
		const seen = await conversationOfficeHours(db, conversationId, before);
		expect(seen).toMatchObject({ within: false, ranges });
		expect(seen?.nextStart?.toISOString()).toBe(expected.toISOString());
		// the teacher's answer to the family is not held back
		const answer = await reply(db, teacher, 'staff', conversationId, 'Cô sẽ trả lời sau.');
		await db
			.insertInto('notification_preferences')
			.values({ user_id: parent.userId, email_kinds: ['message'] })
			.onConflict((oc) => oc.column('user_id').doUpdateSet({ email_kinds: ['message'] }))
			.execute();
		try {
			const answer2 = await reply(db, teacher, 'staff', conversationId, 'Thêm một ý.');
			const family = await db
				.selectFrom('delivery_outbox')
				.select(['next_attempt_at'])
				.where('batch_key', '=', `message:${answer2}:family`)
				.executeTakeFirstOrThrow();
			expect(new Date(family.next_attempt_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
			expect(answer2).toBeGreaterThan(answer);
		} finally {
			await db
				.deleteFrom('notification_preferences')
				.where('user_id', '=', parent.userId)
				.execute();
		}
	});

	it('the new-message page gets each possible teacher’s hours in one read', async () => {
		const ranges = tomorrowOnly();
		await saveOfficeHours(db, actor(teacher), { staff: staffId, ranges });
		const child = (await parentRecipients(db, parent)).find((k) => k.className === '8A')!;
		expect(child.homeroomStaffId).toBe(staffId);
		const ids = [child.homeroomStaffId!, ...child.teachers.map((t) => t.staffId)];
		const now = new Date();
		const hours = await officeHoursByStaff(db, ids, now);
		expect(hours[staffId]).toEqual({
			ranges,
			within: false,
			nextStart: nextOfficeStart(ranges, now)
		});
		// teachers without office hours are left out (always available)
		expect(Object.keys(hours)).toEqual([String(staffId)]);
		await saveOfficeHours(db, actor(teacher), { staff: staffId, ranges: [] });
		expect(await officeHoursByStaff(db, ids, now)).toEqual({});
	});

	it('inside office hours, or without any, the e-mail goes at once', async () => {
		for (const ranges of [ALL_DAY, []]) {
			await saveOfficeHours(db, actor(teacher), { staff: staffId, ranges });
			const { conversationId, messageId } = await writeAsParent(`Trong giờ ${Date.now()}`);
			const email = await teacherEmail(messageId);
			expect(new Date(email.due).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
			expect(new Date(email.runAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
			sent.length = 0;
			expect(await deliverBatch(db, email.batchKey, recorder, { from: 'x@y.z' })).toMatchObject({
				sent: 1,
				remaining: 0
			});
			const seen = await conversationOfficeHours(db, conversationId);
			expect(seen).toMatchObject({ within: true, nextStart: null });
		}
	});
});
