import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLogFilterOf } from '../../src/lib/schemas/privacy-log';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import {
	ACCESS_LOG_PAGE,
	type AccessLogFilter,
	accessLogReaders,
	childAccessLog,
	logGuardianRead,
	logPupilRead,
	purgeAccessLog,
	schoolAccessLog
} from '../../src/lib/server/privacy/access-log';
import { connectTestDb, principalOf } from '../helpers/context';
import { createTestSchool } from '../helpers/rollout';

/**
 * The pupil data access log (issue 13, privacy): a read by staff outside the pupil's classes is
 * one row (who, which pupil, what, when); a homeroom or subject teacher of the pupil's class, or a
 * guardian, leaves none. The school admin reads only the school's rows (filters, pages), a guardian
 * only their children's; rows past the retention period are deleted.
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTestSchool>>;
let a: School, b: School;
let homeroom: Principal, subject: Principal, adminTeacher: Principal, parent: Principal;
let otherParent: Principal;
let p1: number, p2: number, p3: number, bPupil: number, guardian: number;
const actor = (principal: Principal) => ({ principal, requestId: 'access-log-test' });
const NONE: AccessLogFilter = { q: '', reader: null, what: null, from: null, to: null };

async function user(name: string, tag: string) {
	const email = `acl.${tag}.${a.schoolId}@test.example`;
	const row = await db
		.insertInto('users')
		.values({ email, name })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { email, id: row.id };
}

async function staffOf(userId: number, code: string, role: 'teacher' | 'school_admin') {
	const row = await db
		.insertInto('staff')
		.values({ school_id: a.schoolId, code, full_name: code, user_id: userId })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('role_assignments')
		.values({ user_id: userId, role, school_id: a.schoolId })
		.execute();
	if (role === 'school_admin')
		await db
			.insertInto('role_assignments')
			.values({ user_id: userId, role: 'teacher', school_id: a.schoolId })
			.execute();
	return row.id;
}

async function pupil(schoolId: number, code: string, name: string, classId: number | null) {
	const row = await db
		.insertInto('students')
		.values({ school_id: schoolId, code, full_name: name, class_id: classId })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	a = await createTestSchool(db);
	b = await createTestSchool(db);
	const year = await db
		.selectFrom('school_years')
		.select('id')
		.where('is_current', '=', true)
		.executeTakeFirstOrThrow();
	const hr = await user('Trần Văn Chủ Nhiệm', 'hr');
	const sub = await user('Lê Thị Bộ Môn', 'sub');
	const adm = await user('Phạm Quản Lý Dạy', 'adm');
	const par = await user('Nguyễn Thị Mẹ', 'par');
	const other = await user('Đỗ Văn Khác', 'other');
	const hrStaff = await staffOf(hr.id, 'ACL-HR', 'teacher');
	const subStaff = await staffOf(sub.id, 'ACL-SUB', 'teacher');
	const admStaff = await staffOf(adm.id, 'ACL-ADM', 'school_admin');
	const classes = await db
		.insertInto('classes')
		.values(
			[
				['6A', hrStaff],
				['6B', admStaff]
			].map(([name, staff]) => ({
				school_id: a.schoolId,
				school_year_id: year.id,
				grade: 6,
				name: name as string,
				homeroom_staff_id: staff as number
			}))
		)
		.returning('id')
		.execute();
	const subjectRow = await db.selectFrom('subjects').select('id').executeTakeFirstOrThrow();
	await db
		.insertInto('teaching_assignments')
		.values({
			school_id: a.schoolId,
			class_id: classes[1].id,
			subject_id: subjectRow.id,
			staff_id: subStaff
		})
		.execute();
	p1 = await pupil(a.schoolId, 'ACL1', 'Hoàng Minh Đức', classes[0].id);
	p2 = await pupil(a.schoolId, 'ACL2', 'Vũ Thu Hà', classes[1].id);
	p3 = await pupil(a.schoolId, 'ACL3', 'Bùi Quang Huy', null);
	bPupil = await pupil(b.schoolId, 'ACLB', 'Ngô Bảo Ngọc', null);
	const g = await db
		.insertInto('guardians')
		.values({
			school_id: a.schoolId,
			full_name: 'Nguyễn Thị Mẹ',
			phone: '0912000111',
			user_id: par.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	guardian = g.id;
	await db
		.insertInto('student_guardians')
		.values([
			{ student_id: p1, guardian_id: guardian },
			{ student_id: p2, guardian_id: guardian }
		])
		.execute();
	homeroom = await principalOf(db, hr.email);
	subject = await principalOf(db, sub.email);
	adminTeacher = await principalOf(db, adm.email);
	parent = await principalOf(db, par.email);
	otherParent = await principalOf(db, other.email);
});
afterAll(() => close());

const rowsOf = (studentId: number) =>
	db
		.selectFrom('pupil_access_log')
		.select(['user_id', 'what', 'school_id', 'request_id'])
		.where('student_id', '=', studentId)
		.orderBy('id')
		.execute();

describe('pupil access log', () => {
	it('logs a read outside the pupil’s classes, one row, and nothing for the pupil’s teachers', async () => {
		expect(await logPupilRead(db, actor(a.admin), a.schoolId, p1)).toBe(1);
		// the homeroom teacher of 6A (p1), the subject teacher of 6B (p2), the admin who is 6B's
		// homeroom teacher (p2), the guardian: no row
		expect(await logPupilRead(db, actor(homeroom), a.schoolId, p1)).toBe(0);
		expect(await logPupilRead(db, actor(subject), a.schoolId, p2)).toBe(0);
		expect(await logPupilRead(db, actor(adminTeacher), a.schoolId, p2)).toBe(0);
		expect(await logPupilRead(db, actor(parent), a.schoolId, p1)).toBe(0);
		// outside their classes: logged, also a pupil without a class
		expect(await logPupilRead(db, actor(homeroom), a.schoolId, p2)).toBe(1);
		expect(await logPupilRead(db, actor(subject), a.schoolId, p3)).toBe(1);
		expect(await rowsOf(p1)).toEqual([
			{
				user_id: a.admin.userId,
				what: 'pupil',
				school_id: a.schoolId,
				request_id: 'access-log-test'
			}
		]);
		expect((await rowsOf(p2)).map((r) => r.user_id)).toEqual([homeroom.userId]);
	});

	it('a guardian’s page is one statement: a row per child the reader does not teach', async () => {
		expect(await logGuardianRead(db, actor(a.admin), a.schoolId, guardian)).toBe(2);
		// the homeroom teacher of 6A teaches p1, not p2
		expect(await logGuardianRead(db, actor(homeroom), a.schoolId, guardian)).toBe(1);
		const rows = await schoolAccessLog(db, a.schoolId, { ...NONE, what: 'guardian' }, 1);
		expect(rows.map((r) => [r.student_id, r.reader_id]).sort()).toEqual(
			[
				[p1, a.admin.userId],
				[p2, a.admin.userId],
				[p2, homeroom.userId]
			].sort()
		);
	});

	it('another school’s pupil or guardian is never logged under this school, nor shown', async () => {
		expect(await logPupilRead(db, actor(a.admin), b.schoolId, p1)).toBe(0);
		expect(await logPupilRead(db, actor(a.admin), a.schoolId, bPupil)).toBe(0);
		expect(await logGuardianRead(db, actor(b.admin), b.schoolId, guardian)).toBe(0);
		expect(await logPupilRead(db, actor(b.admin), b.schoolId, bPupil)).toBe(1);
		const atA = await schoolAccessLog(db, a.schoolId, NONE, 1);
		expect(atA.some((r) => r.student_id === bPupil)).toBe(false);
		const atB = await schoolAccessLog(db, b.schoolId, NONE, 1);
		expect(atB.map((r) => r.student_id)).toEqual([bPupil]);
		expect((await accessLogReaders(db, b.schoolId)).map((r) => r.id)).toEqual([b.admin.userId]);
	});

	it('filters by pupil (accents ignored), reader, what and Vietnam days', async () => {
		const byName = await schoolAccessLog(db, a.schoolId, { ...NONE, q: 'hoang minh duc' }, 1);
		expect(new Set(byName.map((r) => r.student_id))).toEqual(new Set([p1]));
		expect(byName[0]).toMatchObject({ student_name: 'Hoàng Minh Đức', class_name: '6A' });
		const byCode = await schoolAccessLog(db, a.schoolId, { ...NONE, q: 'acl3' }, 1);
		expect(byCode.map((r) => [r.student_id, r.reader_name])).toEqual([[p3, 'Lê Thị Bộ Môn']]);
		const byReader = await schoolAccessLog(db, a.schoolId, { ...NONE, reader: homeroom.userId }, 1);
		expect(byReader.map((r) => r.what).sort()).toEqual(['guardian', 'pupil']);
		const readers = await accessLogReaders(db, a.schoolId);
		expect(readers.map((r) => r.id).sort()).toEqual(
			[a.admin.userId, homeroom.userId, subject.userId].sort()
		);
		// a read at 23:30 Vietnam time on 01/03/2025 (16:30 UTC) belongs to 01/03, not 02/03
		await db
			.insertInto('pupil_access_log')
			.values({
				school_id: a.schoolId,
				student_id: p3,
				user_id: a.admin.userId,
				what: 'pupil',
				accessed_at: '2025-03-01T16:30:00Z'
			})
			.execute();
		const day = (from: string, to: string) =>
			schoolAccessLog(db, a.schoolId, { ...NONE, from, to }, 1).then((r) => r.length);
		expect(await day('2025-03-01', '2025-03-01')).toBe(1);
		expect(await day('2025-03-02', '2025-03-02')).toBe(0);
		expect(await day('2025-02-28', '2025-02-28')).toBe(0);
	});

	it('pages of 50, newest first', async () => {
		await db
			.insertInto('pupil_access_log')
			.values(
				Array.from({ length: ACCESS_LOG_PAGE + 5 }, (_, i) => ({
					school_id: a.schoolId,
					student_id: p2,
					user_id: subject.userId,
					what: 'guardian' as const,
					accessed_at: new Date(Date.UTC(2024, 0, 1, 0, i))
				}))
			)
			.execute();
		const filter = { ...NONE, reader: subject.userId, what: 'guardian' as const };
		const first = await schoolAccessLog(db, a.schoolId, filter, 1);
		const second = await schoolAccessLog(db, a.schoolId, filter, 2);
		expect(first).toHaveLength(ACCESS_LOG_PAGE + 1);
		expect(second).toHaveLength(5);
		expect(first[0].accessed_at.getTime()).toBeGreaterThan(first[1].accessed_at.getTime());
		expect(second.at(-1)?.accessed_at.toISOString()).toBe('2024-01-01T00:00:00.000Z');
	});

	it('a guardian sees who read their children’s data; another guardian sees nothing', async () => {
		const own = await childAccessLog(db, parent.userId, 1);
		expect(own.length).toBeGreaterThan(0);
		expect(new Set(own.map((r) => r.student_name))).toEqual(
			new Set(['Hoàng Minh Đức', 'Vũ Thu Hà'])
		);
		expect(own.some((r) => r.reader_name === 'Trần Văn Chủ Nhiệm')).toBe(true);
		expect(await childAccessLog(db, otherParent.userId, 1)).toEqual([]);
	});

	it('keeps a deleted reader’s rows and deletes rows past the retention period', async () => {
		const gone = await user('Người Đã Nghỉ', 'gone');
		await db
			.insertInto('pupil_access_log')
			.values([
				{ school_id: a.schoolId, student_id: p3, user_id: gone.id, what: 'pupil' },
				{
					school_id: a.schoolId,
					student_id: p3,
					user_id: gone.id,
					what: 'pupil',
					accessed_at: sql<Date>`now() - interval '800 days'` as never
				}
			])
			.execute();
		await db.deleteFrom('users').where('id', '=', gone.id).execute();
		const orphans = () =>
			db
				.selectFrom('pupil_access_log')
				.select('id')
				.where('student_id', '=', p3)
				.where('user_id', 'is', null)
				.execute();
		expect(await orphans()).toHaveLength(2);
		expect(await purgeAccessLog(db, new Date())).toBeGreaterThanOrEqual(1);
		expect(await orphans()).toHaveLength(1);
		const shown = await schoolAccessLog(db, a.schoolId, { ...NONE, q: 'ACL3' }, 1);
		expect(shown.some((r) => r.reader_id === null && r.reader_name === null)).toBe(true);
	});

	it('hostile filters are dropped, a bad day is named', () => {
		const url = new URL(
			`http://x/?q=%00abc&reader=1e309&what=drop&from=31/02/2025&to=${'9'.repeat(100_000)}&page=2`
		);
		const { filter, errors } = accessLogFilterOf(url);
		expect(filter).toEqual(NONE);
		expect(errors).toEqual({ from: 'v_date', to: null });
		expect(accessLogFilterOf(new URL('http://x/?from=01/03/2025&q=Đức')).filter).toMatchObject({
			from: '2025-03-01',
			q: 'Đức'
		});
	});
});
