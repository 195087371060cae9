import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newFormKey } from '../../src/lib/server/action/form-key';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { noticeSchema } from '../../src/lib/schemas/messages';
import { confirmNotice, openNotice } from '../../src/lib/server/messages/notice-read';
import { sendNotice } from '../../src/lib/server/messages/notices';
import { setMailTransport } from '../../src/lib/server/messages/outbox';
import {
	nextReminderAt,
	officialUnreadPeople,
	remindOfficialNotice,
	remindSchoolNotice,
	REMIND_INTERVAL_MINUTES
} from '../../src/lib/server/messages/reminders';
import { officialInbox, openOfficialNotice } from '../../src/lib/server/official-notices/read';
import { sendOfficialNotice } from '../../src/lib/server/official-notices/send';
import { connectTestDb, principalOf } from '../helpers/context';
import { makeDepartment } from '../helpers/department';
import { createAreaOfficial, createTestSchool } from '../helpers/rollout';

/**
 * "Remind those who have not" (issue 13): only the recipients who have not read (or confirmed)
 * get the reminder, in the portal and through the outbox; a second reminder within the interval
 * is refused (also when two arrive at once); each reminder is audited; another scope gets 404.
 * Everything happens in a department and schools of the test's own.
 */
let db: DB;
let close: () => Promise<void>;
let department: Principal;
let officialB: Principal;
type School = Awaited<ReturnType<typeof createTestSchool>>;
let a1: School, a2: School, b1: School;
/** staff accounts of a1 who opted in to notice e-mails */
let staff: Principal[];
const tag = `NR${process.pid % 1000}${Date.now() % 100000}`;
const actor = (principal: Principal) => ({ principal, requestId: 'reminders-test' });

async function optIn(userIds: number[]) {
	await db
		.insertInto('notification_preferences')
		.values(userIds.map((user_id) => ({ user_id, email_kinds: ['notice'] })))
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ email_kinds: ['notice'] }))
		.execute();
}

async function addStaff(school: School, count: number): Promise<Principal[]> {
	const out: Principal[] = [];
	for (let i = 0; i < count; i++) {
		const email = `staff${i}.${school.schoolId}.${tag.toLowerCase()}@test.example`;
		const user = await db
			.insertInto('users')
			.values({ email, name: `Giáo viên ${i}` })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('staff')
			.values({
				school_id: school.schoolId,
				code: `R${i}`,
				full_name: `Giáo viên ${i}`,
				user_id: user.id
			})
			.execute();
		await db
			.insertInto('role_assignments')
			.values({ user_id: user.id, role: 'teacher', school_id: school.schoolId })
			.execute();
		out.push(await principalOf(db, email));
	}
	return out;
}

/** The users the outbox holds an e-mail for in one batch. */
async function outboxUsers(batchKey: string): Promise<number[]> {
	const rows = await db
		.selectFrom('delivery_outbox')
		.select('user_id')
		.where('batch_key', '=', batchKey)
		.orderBy('user_id')
		.execute();
	return rows.map((r) => r.user_id);
}

const audits = (action: string, id: number) =>
	db
		.selectFrom('audit_log')
		.select(['actor_user_id', 'after'])
		.where('action', '=', action)
		.where('entity_id', '=', String(id))
		.execute();

/** Moves the notice's last reminder back beyond the interval (as if time had passed). */
const age = (table: 'notices' | 'official_notices', id: number) =>
	sql`update ${sql.table(table)} set last_reminded_at = now() - interval '1 hour'
		where id = ${id}`.execute(db);

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	setMailTransport({ async send() {} }); // e-mail on: the outbox is written
	const made = await makeDepartment(db, tag);
	department = made.principal;
	const area = (id: number) => ({ id, department_id: made.departmentId });
	a1 = await createTestSchool(db, area(made.areas[0].id));
	a2 = await createTestSchool(db, area(made.areas[0].id));
	b1 = await createTestSchool(db, area(made.areas[1].id));
	officialB = await createAreaOfficial(db, area(made.areas[1].id));
	staff = await addStaff(a1, 3);
	await optIn([...staff, a1.admin, a2.admin, b1.admin].map((p) => p.userId));
});
afterAll(async () => {
	setMailTransport(undefined);
	await close();
});

describe("a school's notice", () => {
	const staffNotice = (fields: Record<string, unknown> = {}) =>
		sendNotice(
			db,
			actor(a1.admin),
			a1.schoolId,
			noticeSchema.parse({ title: 'Họp hội đồng', body: 'Thứ Hai', target: 'staff', ...fields })
		);

	it('reminds only who has not read, queues their e-mails, audits, and refuses a second one soon', async () => {
		const id = await staffNotice();
		await openNotice(db, staff[0], 'staff', id);
		expect(await remindSchoolNotice(db, actor(a1.admin), a1.schoolId, id)).toBe(2);
		const rows = await db
			.selectFrom('notice_recipients')
			.select(['user_id', 'reminded_at'])
			.where('notice_id', '=', id)
			.execute();
		expect(rows.filter((r) => r.reminded_at).map((r) => r.user_id)).toEqual(
			expect.arrayContaining([staff[1].userId, staff[2].userId])
		);
		expect(rows.find((r) => r.user_id === staff[0].userId)?.reminded_at).toBeNull();
		expect(await outboxUsers(`notice-remind:${id}:1`)).toEqual(
			[staff[1].userId, staff[2].userId].sort((x, y) => x - y)
		);
		expect(await audits('notice.remind', id)).toEqual([
			{ actor_user_id: a1.admin.userId, after: { reminded: 2, remindCount: 1 } }
		]);

		await expect(remindSchoolNotice(db, actor(a1.admin), a1.schoolId, id)).rejects.toMatchObject({
			code: 'notices_remind_too_soon',
			params: { minutes: REMIND_INTERVAL_MINUTES }
		});
		await age('notices', id);
		await openNotice(db, staff[1], 'staff', id);
		expect(await remindSchoolNotice(db, actor(a1.admin), a1.schoolId, id)).toBe(1);
		expect(await outboxUsers(`notice-remind:${id}:2`)).toEqual([staff[2].userId]);
	});

	it('two reminders posted at once remind once; the other is told to wait', async () => {
		const id = await staffNotice();
		const results = await Promise.allSettled([
			remindSchoolNotice(db, actor(a1.admin), a1.schoolId, id),
			remindSchoolNotice(db, actor(a1.admin), a1.schoolId, id)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected');
		expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
			code: 'notices_remind_too_soon'
		});
		const notice = await db
			.selectFrom('notices')
			.select(['remind_count'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(notice.remind_count).toBe(1);
		expect(await audits('notice.remind', id)).toHaveLength(1);
	});

	it('with confirmation required, reminds who has not confirmed; nobody left or past the deadline is refused', async () => {
		const id = await staffNotice({ requiresConfirmation: 'on' });
		for (const p of staff) await confirmNotice(db, p, id);
		await expect(remindSchoolNotice(db, actor(a1.admin), a1.schoolId, id)).rejects.toMatchObject({
			code: 'notices_nobody_to_remind'
		});
		const late = await staffNotice({ requiresConfirmation: 'on', confirmBy: '2026-01-02' });
		await expect(remindSchoolNotice(db, actor(a1.admin), a1.schoolId, late)).rejects.toMatchObject({
			code: 'notices_remind_closed'
		});
	});

	it("another school's admin gets 404 and nothing changes", async () => {
		const id = await staffNotice();
		await expect(remindSchoolNotice(db, actor(a2.admin), a2.schoolId, id)).rejects.toMatchObject({
			status: 404
		});
		expect(await audits('notice.remind', id)).toEqual([]);
	});
});

describe('an official notice', () => {
	const send = (principal: Principal, includeTeachers = false) =>
		sendOfficialNotice(db, actor(principal), {
			formKey: newFormKey(),
			title: 'Công văn nhắc việc',
			body: 'Nội dung',
			area: null,
			schools: [],
			includeTeachers
		});

	it('reminds the admins who have not read it, shows it in their inbox, audits', async () => {
		const { id } = await send(department);
		await openOfficialNotice(db, a1.admin, a1.schoolId, id);
		expect(await officialUnreadPeople(db, id, false)).toBe(2);
		expect(await remindOfficialNotice(db, actor(department), id)).toEqual({
			people: 2,
			schools: 2
		});
		expect(await outboxUsers(`official-notice-remind:${id}:1`)).toEqual(
			[a2.admin.userId, b1.admin.userId].sort((x, y) => x - y)
		);
		const inboxA2 = await officialInbox(db, a2.admin, a2.schoolId);
		expect(inboxA2.find((n) => n.id === id)?.reminded_at).toBeInstanceOf(Date);
		const inboxA1 = await officialInbox(db, a1.admin, a1.schoolId);
		expect(inboxA1.find((n) => n.id === id)?.reminded_at).toBeNull();
		expect(await audits('official_notice.remind', id)).toEqual([
			{ actor_user_id: department.userId, after: { people: 2, schools: 2, remindCount: 1 } }
		]);
		await expect(remindOfficialNotice(db, actor(department), id)).rejects.toMatchObject({
			code: 'notices_remind_too_soon'
		});
		await age('official_notices', id);
		await openOfficialNotice(db, a2.admin, a2.schoolId, id);
		await openOfficialNotice(db, b1.admin, b1.schoolId, id);
		expect(await officialUnreadPeople(db, id, false)).toBe(0);
		await expect(remindOfficialNotice(db, actor(department), id)).rejects.toMatchObject({
			code: 'notices_nobody_to_remind'
		});
	});

	it('with teachers included, reminds exactly the recipients who have not opened it, also at a school that has read', async () => {
		const { id } = await send(department, true);
		// a1 counts as read (its admin opened it) and one of its teachers read it too
		await openOfficialNotice(db, a1.admin, a1.schoolId, id);
		await openOfficialNotice(db, staff[0], a1.schoolId, id);
		// a teacher's read does not make a school read; b1's admin has read
		await openOfficialNotice(db, b1.admin, b1.schoolId, id);
		const expected = [staff[1].userId, staff[2].userId, a2.admin.userId].sort((x, y) => x - y);
		expect(await officialUnreadPeople(db, id, true)).toBe(3);
		expect(await remindOfficialNotice(db, actor(department), id)).toEqual({
			people: 3,
			schools: 2
		});
		expect(await outboxUsers(`official-notice-remind:${id}:1`)).toEqual(expected);
		const marked = await db
			.selectFrom('official_notice_schools')
			.select(['school_id', 'reminded_at'])
			.where('notice_id', '=', id)
			.execute();
		const reminded = new Set(marked.filter((r) => r.reminded_at).map((r) => r.school_id));
		expect(reminded).toEqual(new Set([a1.schoolId, a2.schoolId]));
		// the reminded teacher sees it as reminded; the admin who read it does not see it unread
		const teacherInbox = await officialInbox(db, staff[1], a1.schoolId);
		expect(teacherInbox.find((n) => n.id === id)).toMatchObject({ read_at: null });
		expect(teacherInbox.find((n) => n.id === id)?.reminded_at).toBeInstanceOf(Date);
	});

	it("another area's office and a school admin get 404; concurrent reminders remind once", async () => {
		const { id } = await send(department);
		await expect(remindOfficialNotice(db, actor(officialB), id)).rejects.toMatchObject({
			status: 404
		});
		await expect(remindOfficialNotice(db, actor(a1.admin), id)).rejects.toMatchObject({
			status: 404
		});
		const results = await Promise.allSettled([
			remindOfficialNotice(db, actor(department), id),
			remindOfficialNotice(db, actor(department), id)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(await audits('official_notice.remind', id)).toHaveLength(1);
	});
});

describe('nextReminderAt', () => {
	it('is null without a reminder or after the interval, else the time the interval ends', () => {
		const now = new Date('2026-12-06T10:00:00Z');
		expect(nextReminderAt(null, now)).toBeNull();
		expect(nextReminderAt(new Date('2026-12-06T09:00:00Z'), now)).toBeNull();
		const last = new Date('2026-12-06T09:55:00Z');
		expect(nextReminderAt(last, now)).toEqual(
			new Date(last.getTime() + REMIND_INTERVAL_MINUTES * 60_000)
		);
	});
});
