import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { noticeSchema, type NoticeInput } from '../../src/lib/schemas/messages';
import {
	confirmNotice,
	noticeReport,
	openNotice,
	receivedNotices,
	schoolNotices
} from '../../src/lib/server/messages/notice-read';
import { sendNotice } from '../../src/lib/server/messages/notices';
import { remindSchoolNotice } from '../../src/lib/server/messages/reminders';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
let admin: Principal;
let parent: Principal;
let teacher: Principal;
let adminNtt: Principal;
let quangTrung: number;
let nguyenTatThanh: number;

const actor = (principal: Principal) => ({ principal, requestId: 'notices-test' });
const input = (fields: Record<string, unknown>): NoticeInput =>
	noticeSchema.parse({ title: 'Thông báo', body: 'Nội dung\ndòng 2', target: 'school', ...fields });

/** Distinct active guardian accounts of the school's active pupils matching `where` (the oracle). */
async function familyAccounts(schoolId: number, where = sql`true`) {
	const { rows } = await sql<{ n: number }>`select count(distinct u.id)::int as n
		from users u join guardians g on g.user_id = u.id
		join student_guardians sg on sg.guardian_id = g.id
		join students st on st.id = sg.student_id
		left join classes c on c.id = st.class_id
		where u.active and st.active and st.school_id = ${schoolId} and ${where}`.execute(db);
	return rows[0].n;
}

beforeAll(async () => {
	({ db, close } = connectTestDb());
	quangTrung = await schoolIdByName(db, QUANG_TRUNG);
	nguyenTatThanh = await schoolIdByName(db, NGUYEN_TAT_THANH);
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	teacher = await principalOf(db, 'quangtrung.gv@demo.example');
	adminNtt = await principalOf(db, 'nguyentatthanh.admin@demo.example');
});
afterAll(() => close());

describe('notices fanned out in the database', () => {
	it('reach every family account of the school, grade, class or pupils once, and staff apart', async () => {
		const school = await familyAccounts(quangTrung);
		const grades = await familyAccounts(quangTrung, sql`c.grade in (6, 8)`);
		expect(school).toBeGreaterThanOrEqual(2);
		const schoolId = await sendNotice(db, actor(admin), quangTrung, input({ target: 'school' }));
		expect((await noticeReport(db, quangTrung, schoolId)).delivered).toBe(school);
		const gradesId = await sendNotice(
			db,
			actor(admin),
			quangTrung,
			input({ target: 'grades', grades: ['8', '6', '8'] })
		);
		expect((await noticeReport(db, quangTrung, gradesId)).delivered).toBe(grades);

		const staffId = await sendNotice(db, actor(admin), quangTrung, input({ target: 'staff' }));
		const { rows } = await sql<{ n: number }>`select count(distinct s.user_id)::int as n
			from staff s join users u on u.id = s.user_id
			where s.school_id = ${quangTrung} and s.active and u.active`.execute(db);
		expect((await noticeReport(db, quangTrung, staffId)).delivered).toBe(rows[0].n);
		expect((await receivedNotices(db, teacher, 'staff')).map((n) => n.id)).toContain(staffId);
		expect((await receivedNotices(db, parent, 'families')).map((n) => n.id)).not.toContain(staffId);
		expect((await receivedNotices(db, parent, 'families')).map((n) => n.id)).toContain(schoolId);
	});

	it('goes to the families of chosen classes or pupils only; refuses another school’s classes and unknown codes', async () => {
		const kids = await db
			.selectFrom('students as st')
			.innerJoin('student_guardians as sg', 'sg.student_id', 'st.id')
			.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
			.select(['st.id', 'st.code', 'st.class_id'])
			.where('g.user_id', '=', parent.userId)
			.execute();
		const byCode = await sendNotice(
			db,
			actor(admin),
			quangTrung,
			input({ target: 'students', students: kids[0].code })
		);
		const report = await noticeReport(db, quangTrung, byCode);
		expect(report.delivered).toBe(await familyAccounts(quangTrung, sql`st.id = ${kids[0].id}`));
		expect(report.pending.map((p) => p.userId)).toContain(parent.userId);
		const byClass = await sendNotice(
			db,
			actor(admin),
			quangTrung,
			input({ target: 'classes', classes: [String(kids[0].class_id)] })
		);
		expect((await noticeReport(db, quangTrung, byClass)).delivered).toBe(
			await familyAccounts(quangTrung, sql`st.class_id = ${kids[0].class_id}`)
		);
		const nttClass = await db
			.selectFrom('classes')
			.select('id')
			.where('school_id', '=', nguyenTatThanh)
			.executeTakeFirstOrThrow();
		await expect(
			sendNotice(
				db,
				actor(admin),
				quangTrung,
				input({ target: 'classes', classes: [String(nttClass.id)] })
			)
		).rejects.toMatchObject({ code: 'notices_unknown_class', field: 'classes' });
		await expect(
			sendNotice(
				db,
				actor(admin),
				quangTrung,
				input({ target: 'students', students: 'KHONG-CO-MA' })
			)
		).rejects.toMatchObject({ code: 'notices_unknown_pupils' });
	});

	it('counts reads and confirmations, lists who has not, reminds them and only them', async () => {
		const id = await sendNotice(
			db,
			actor(admin),
			quangTrung,
			input({ target: 'school', requiresConfirmation: 'on', title: 'Đi tham quan' })
		);
		const before = await noticeReport(db, quangTrung, id);
		expect(before).toMatchObject({ read: 0, confirmed: 0, requiresConfirmation: true });
		expect(before.pending).toHaveLength(before.delivered);

		const opened = await openNotice(db, parent, 'families', id);
		expect(opened).toMatchObject({ body: 'Nội dung\ndòng 2', open: true, confirmedAt: null });
		expect((await noticeReport(db, quangTrung, id)).read).toBe(1);
		await confirmNotice(db, parent, id);
		await expect(confirmNotice(db, parent, id)).rejects.toMatchObject({
			code: 'notices_cannot_confirm'
		});
		const after = await noticeReport(db, quangTrung, id);
		expect(after).toMatchObject({ read: 1, confirmed: 1 });
		expect(after.pending.map((p) => p.userId)).not.toContain(parent.userId);
		expect(after.pending).toHaveLength(after.delivered - 1);

		expect(await remindSchoolNotice(db, actor(admin), quangTrung, id)).toBe(after.delivered - 1);
		const reminded = await db
			.selectFrom('notice_recipients')
			.select(['user_id', 'reminded_at'])
			.where('notice_id', '=', id)
			.execute();
		for (const r of reminded)
			expect(r.reminded_at === null, `user ${r.user_id}`).toBe(r.user_id === parent.userId);
		expect((await schoolNotices(db, quangTrung)).find((n) => n.id === id)).toMatchObject({
			confirmed: 1,
			read: 1
		});
	});

	it('refuses confirming after the deadline and a notice that asks for none', async () => {
		const plain = await sendNotice(db, actor(admin), quangTrung, input({}));
		await expect(confirmNotice(db, parent, plain)).rejects.toMatchObject({
			code: 'notices_cannot_confirm'
		});
		const late = await sendNotice(
			db,
			actor(admin),
			quangTrung,
			input({ requiresConfirmation: 'on', confirmBy: '2026-01-02' })
		);
		expect((await openNotice(db, parent, 'families', late)).open).toBe(false);
		await expect(confirmNotice(db, parent, late)).rejects.toMatchObject({
			code: 'notices_cannot_confirm'
		});
	});

	it('keeps every notice private: another school’s admin, a non-recipient and the wrong inbox get 404', async () => {
		const id = await sendNotice(db, actor(admin), quangTrung, input({ target: 'staff' }));
		await expect(noticeReport(db, nguyenTatThanh, id)).rejects.toMatchObject({ status: 404 });
		await expect(openNotice(db, parent, 'families', id)).rejects.toMatchObject({ status: 404 });
		await expect(openNotice(db, teacher, 'families', id)).rejects.toMatchObject({ status: 404 });
		await expect(openNotice(db, adminNtt, 'staff', id)).rejects.toMatchObject({ status: 404 });
		await expect(remindSchoolNotice(db, actor(adminNtt), nguyenTatThanh, id)).rejects.toMatchObject(
			{ status: 404 }
		);
		expect((await openNotice(db, teacher, 'staff', id)).id).toBe(id);
	});
});
