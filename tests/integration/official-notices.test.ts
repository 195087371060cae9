import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/lib/server/action';
import { newFormKey } from '../../src/lib/server/action/form-key';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { sendFromForm } from '../../src/lib/server/official-notices/pages';
import {
	officialInbox,
	openOfficialNotice,
	sentNotice,
	sentNotices,
	targetSchools,
	unreadOfficialCount
} from '../../src/lib/server/official-notices/read';
import { sendOfficialNotice } from '../../src/lib/server/official-notices/send';
import type { OfficialNoticeInput } from '../../src/lib/schemas/official-notices';
import { connectTestDb } from '../helpers/context';
import { makeDepartment } from '../helpers/department';
import { createAreaOfficial, createTestSchool } from '../helpers/rollout';

/**
 * Official notices (issue 13) in a department of their own: area A with schools A1 and A2, area B
 * with school B1, an official of each area and one of the department.
 */
let db: DB;
let close: () => Promise<void>;
let department: Principal;
let officialA: Principal;
let officialB: Principal;
type School = Awaited<ReturnType<typeof createTestSchool>>;
let a1: School, a2: School, b1: School;
let codes: Record<'a1' | 'a2' | 'b1', string>;
let areaA: number, areaB: number;

const input = (over: Partial<OfficialNoticeInput> = {}): OfficialNoticeInput => ({
	formKey: newFormKey(),
	title: 'Công văn về việc triển khai học bạ số',
	body: 'Đề nghị các trường hoàn thành trước 15/12.',
	area: null,
	schools: [],
	includeTeachers: false,
	...over
});
const actor = (principal: Principal) => ({ principal, requestId: 'test' });
const notFound = { status: 404 };

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	const made = await makeDepartment(db, `ON${process.pid % 1000}${Date.now() % 100000}`);
	department = made.principal;
	[areaA, areaB] = made.areas.map((a) => a.id);
	const area = (id: number) => ({ id, department_id: made.departmentId });
	a1 = await createTestSchool(db, area(areaA));
	a2 = await createTestSchool(db, area(areaA));
	b1 = await createTestSchool(db, area(areaB));
	officialA = await createAreaOfficial(db, area(areaA));
	officialB = await createAreaOfficial(db, area(areaB));
	const rows = await db
		.selectFrom('schools')
		.select(['id', 'code'])
		.where('id', 'in', [a1.schoolId, a2.schoolId, b1.schoolId])
		.execute();
	const code = (id: number) => rows.find((r) => r.id === id)!.code;
	codes = { a1: code(a1.schoolId), a2: code(a2.schoolId), b1: code(b1.schoolId) };
});
afterAll(() => close());

describe('sending within a scope', () => {
	it('the department reaches every school of the province, an area office only its area', async () => {
		const province = await sendOfficialNotice(db, actor(department), input());
		expect(province.schools).toBe(3);
		const area = await sendOfficialNotice(db, actor(officialA), input());
		expect(area.schools).toBe(2);
		const row = await db
			.selectFrom('official_notices')
			.select(['area_id', 'school_count'])
			.where('id', '=', area.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ area_id: areaA, school_count: 2 });
		const narrowed = await sendOfficialNotice(db, actor(department), input({ area: areaB }));
		expect(narrowed.schools).toBe(1);
	});

	it("refuses an area office sending to another area's school, and writes nothing", async () => {
		const before = await db
			.selectFrom('official_notices')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		await expect(
			sendOfficialNotice(db, actor(officialA), input({ schools: [codes.a1, codes.b1] }))
		).rejects.toMatchObject({ field: 'schools', code: 'official_notices_unknown_schools' });
		await expect(
			sendOfficialNotice(db, actor(officialA), input({ area: areaB }))
		).rejects.toMatchObject({ field: 'area', code: 'official_notices_unknown_area' });
		const after = await db
			.selectFrom('official_notices')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it("hides an area's notices and read figures from another area's office", async () => {
		const sent = await sendOfficialNotice(db, actor(officialA), input({ title: 'Chỉ khu A' }));
		await expect(sentNotice(db, officialB, sent.id)).rejects.toMatchObject(notFound);
		expect((await sentNotices(db, officialB)).map((n) => n.id)).not.toContain(sent.id);
		expect((await sentNotice(db, department, sent.id)).school_count).toBe(2);
		// a province-wide notice is the department's: an area office does not see its figures
		const province = await sendOfficialNotice(db, actor(department), input());
		await expect(sentNotice(db, officialA, province.id)).rejects.toMatchObject(notFound);
	});
});

describe('reading at the school', () => {
	it('a school admin of B does not see a notice sent to A1', async () => {
		const sent = await sendOfficialNotice(
			db,
			actor(department),
			input({ title: 'Riêng A1', schools: [codes.a1] })
		);
		expect(sent.schools).toBe(1);
		const inboxB = await officialInbox(db, b1.admin, b1.schoolId);
		expect(inboxB.map((n) => n.id)).not.toContain(sent.id);
		await expect(openOfficialNotice(db, b1.admin, b1.schoolId, sent.id)).rejects.toMatchObject(
			notFound
		);
		const inboxA = await officialInbox(db, a1.admin, a1.schoolId);
		expect(inboxA.map((n) => n.id)).toContain(sent.id);
	});

	it('counts a school as read once its admin opened the notice, once however often', async () => {
		const sent = await sendOfficialNotice(db, actor(officialA), input({ title: 'Đếm lượt đọc' }));
		const unreadBefore = await unreadOfficialCount(db, a1.admin, a1.schoolId);
		expect((await sentNotice(db, officialA, sent.id)).read_count).toBe(0);
		const opened = await openOfficialNotice(db, a1.admin, a1.schoolId, sent.id);
		expect(opened.title).toBe('Đếm lượt đọc');
		await openOfficialNotice(db, a1.admin, a1.schoolId, sent.id);
		const figures = await sentNotice(db, officialA, sent.id);
		expect([figures.read_count, figures.school_count]).toEqual([1, 2]);
		expect(await unreadOfficialCount(db, a1.admin, a1.schoolId)).toBe(unreadBefore - 1);
		const unread = await targetSchools(db, sent.id, { unreadOnly: true, page: 1 });
		expect(unread.map((s) => s.code)).toEqual([codes.a2]);
		const inbox = await officialInbox(db, a1.admin, a1.schoolId);
		expect(inbox.find((n) => n.id === sent.id)?.read_at).toBeInstanceOf(Date);
	});

	it('counts the school once when two of its admins open the notice at the same moment', async () => {
		const user = await db
			.insertInto('users')
			.values({ email: `pht.${a2.schoolId}.${Date.now()}@test.example`, name: 'Phó hiệu trưởng' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const second: Principal = {
			userId: user.id,
			email: null,
			name: 'Phó hiệu trưởng',
			locale: 'vi',
			roles: [{ role: 'school_admin', departmentId: null, areaId: null, schoolId: a2.schoolId }]
		};
		const sent = await sendOfficialNotice(db, actor(officialA), input({ title: 'Cùng lúc' }));
		await Promise.all([
			openOfficialNotice(db, a2.admin, a2.schoolId, sent.id),
			openOfficialNotice(db, second, a2.schoolId, sent.id)
		]);
		expect((await sentNotice(db, officialA, sent.id)).read_count).toBe(1);
		const reads = await db
			.selectFrom('official_notice_reads')
			.select('user_id')
			.where('notice_id', '=', sent.id)
			.execute();
		expect(reads).toHaveLength(2);
	});

	it("shows a teacher only the notices that include the teachers, and a teacher's read does not count", async () => {
		const user = await db
			.insertInto('users')
			.values({ email: `gv.${a2.schoolId}.${Date.now()}@test.example`, name: 'Giáo viên' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const teacher: Principal = {
			userId: user.id,
			email: null,
			name: 'Giáo viên',
			locale: 'vi',
			roles: [{ role: 'teacher', departmentId: null, areaId: null, schoolId: a2.schoolId }]
		};
		const adminsOnly = await sendOfficialNotice(db, actor(officialA), input());
		const withTeachers = await sendOfficialNotice(
			db,
			actor(officialA),
			input({ includeTeachers: true })
		);
		const ids = (await officialInbox(db, teacher, a2.schoolId)).map((n) => n.id);
		expect(ids).toContain(withTeachers.id);
		expect(ids).not.toContain(adminsOnly.id);
		await expect(openOfficialNotice(db, teacher, a2.schoolId, adminsOnly.id)).rejects.toMatchObject(
			notFound
		);
		await openOfficialNotice(db, teacher, a2.schoolId, withTeachers.id);
		expect((await sentNotice(db, officialA, withTeachers.id)).read_count).toBe(0);
	});
});

/** The sending form as the action reads it: a POST of these fields by `principal`. */
function formCtx(principal: Principal, fields: Record<string, string>): RequestContext {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	const url = new URL('http://portal.test/department/notices/new');
	return {
		db,
		principal,
		actor: actor(principal),
		event: { request: new Request(url, { method: 'POST', body }), url }
	} as unknown as RequestContext;
}

describe('the sending form', () => {
	const good = () => ({
		formKey: newFormKey(),
		title: 'Thông báo lịch họp',
		body: 'Họp giao ban lúc 8 giờ.'
	});

	it('refuses hostile inputs with a 400 and the error beside the field', async () => {
		const cases: [Record<string, string>, string][] = [
			[{ ...good(), title: 'a\u0000b' }, 'title'],
			[{ ...good(), title: 'x'.repeat(100_000) }, 'title'],
			[{ ...good(), body: 'x'.repeat(100_000) }, 'body'],
			[{ ...good(), area: '99999999999999999999' }, 'area'],
			[{ ...good(), area: '-1' }, 'area'],
			[{ ...good(), schools: 'x'.repeat(300_000) }, 'schools'],
			[{ ...good(), formKey: 'short' }, 'formKey'],
			[{ ...good(), includeTeachers: 'yes' }, 'includeTeachers'],
			[{ ...good(), schools: 'NO-SUCH-SCHOOL' }, 'schools']
		];
		for (const [fields, field] of cases) {
			const result = await sendFromForm(formCtx(officialA, fields));
			expect(result.failure?.status, field).toBe(400);
			expect(Object.keys(result.failure?.data.errors ?? {}), field).toContain(field);
		}
	});

	it('sends once for one form key, even when the same form arrives twice at once', async () => {
		const fields = { ...good(), title: `Một lần ${Date.now()}` };
		const results = await Promise.all([
			sendFromForm(formCtx(officialA, fields)),
			sendFromForm(formCtx(officialA, fields))
		]);
		const again = await sendFromForm(formCtx(officialA, fields));
		const sent = [...results, again].flatMap((r) => (r.sent ? [r.sent.id] : []));
		expect(new Set(sent).size).toBe(1);
		for (const r of results) if (r.failure) expect(r.failure.status).toBeLessThan(500);
		const rows = await db
			.selectFrom('official_notices')
			.select('id')
			.where('title', '=', fields.title)
			.execute();
		expect(rows).toHaveLength(1);
	});
});
