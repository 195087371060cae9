import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { ConflictError, DomainError } from '../../src/lib/server/errors';
import { createStaff } from '../../src/lib/server/roster/staff';
import { setClassActive } from '../../src/lib/server/roster/classes';
import {
	createStudent,
	getStudent,
	setStudentActive,
	updateStudent
} from '../../src/lib/server/roster/students';
import { addGuardianToStudent, unlinkGuardian } from '../../src/lib/server/roster/guardian-links';
import { createSchool, updateSchool } from '../../src/lib/server/org/school-edit';
import { makeDepartment } from '../helpers/department';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let admin: Actor;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	admin = {
		principal: await principalOf(db, 'quangtrung.admin@demo.example'),
		requestId: 'req-roster-changes'
	};
});
afterAll(() => close());

const counts = () =>
	db
		.selectFrom('schools')
		.select(['student_count', 'class_count', 'staff_count'])
		.where('id', '=', qt)
		.executeTakeFirstOrThrow();
const auditOf = (entity: string, id: number | string) =>
	db
		.selectFrom('audit_log')
		.selectAll()
		.where('entity', '=', entity)
		.where('entity_id', '=', String(id))
		.orderBy('id')
		.execute();

async function newStudent(code: string) {
	const cls = await db
		.selectFrom('classes')
		.select('id')
		.where('school_id', '=', qt)
		.where('name', '=', '7B')
		.where('school_year_id', '=', (eb) =>
			eb.selectFrom('school_years').select('id').where('is_current', '=', true)
		)
		.executeTakeFirstOrThrow();
	return createStudent(db, admin, qt, {
		code,
		fullName: 'Hoàng Thị Ngọc Ánh',
		dateOfBirth: '2014-03-12',
		gender: 'F',
		ethnicityCode: '02',
		classId: cls.id
	});
}

describe('versions, audit and counts', () => {
	it('creates a pupil with an audit row and keeps the school count right', async () => {
		const before = await counts();
		const id = await newStudent('T-CHG-01');
		// The stored count is the roster's: compared in one statement with the active pupils listed,
		// so pupils other test files add to this school at the same time cannot make it flaky.
		const { stored, listed } = await db
			.selectFrom('schools')
			.select((eb) => [
				'student_count as stored',
				eb
					.selectFrom('students')
					.select(eb.fn.countAll<number>().as('n'))
					.where('school_id', '=', qt)
					.where('active', '=', true)
					.as('listed')
			])
			.where('id', '=', qt)
			.executeTakeFirstOrThrow();
		expect(Number(stored)).toBe(Number(listed));
		expect((await counts()).student_count).toBeGreaterThanOrEqual(before.student_count + 1);
		const [row] = await auditOf('student', id);
		expect(row).toMatchObject({
			action: 'student.create',
			actor_user_id: admin.principal.userId,
			school_id: qt,
			request_id: 'req-roster-changes'
		});
		expect(row.after).toMatchObject({ code: 'T-CHG-01', full_name: 'Hoàng Thị Ngọc Ánh' });
	});

	it('refuses a second save with the old version and overwrites nothing', async () => {
		const id = await newStudent('T-CHG-02');
		const seen = await getStudent(db, admin.principal, qt, id);
		const input = {
			code: seen.code,
			fullName: 'Hoàng Thị Ngọc Anh',
			dateOfBirth: seen.date_of_birth!,
			gender: seen.gender,
			ethnicityCode: seen.ethnicity_code,
			classId: seen.class_id
		};
		expect(await updateStudent(db, admin, qt, id, { ...input, version: seen.version })).toBe(
			seen.version + 1
		);
		await expect(
			updateStudent(db, admin, qt, id, {
				...input,
				fullName: 'Người Ghi Đè',
				version: seen.version
			})
		).rejects.toBeInstanceOf(ConflictError);
		await expect(setStudentActive(db, admin, qt, id, seen.version, false)).rejects.toBeInstanceOf(
			ConflictError
		);
		const now = await getStudent(db, admin.principal, qt, id);
		expect(now).toMatchObject({ full_name: 'Hoàng Thị Ngọc Anh', active: true });
		const audit = await auditOf('student', id);
		expect(audit.map((a) => a.action)).toEqual(['student.create', 'student.update']);
		expect(audit[1].before).toMatchObject({ full_name: 'Hoàng Thị Ngọc Ánh' });
		expect(audit[1].after).toMatchObject({ full_name: 'Hoàng Thị Ngọc Anh' });
	});

	it('deactivates and reactivates with the counts following', async () => {
		const id = await newStudent('T-CHG-03');
		const start = (await counts()).student_count;
		await setStudentActive(db, admin, qt, id, 1, false);
		expect((await counts()).student_count).toBe(start - 1);
		await setStudentActive(db, admin, qt, id, 2, true);
		expect((await counts()).student_count).toBe(start);
		expect((await auditOf('student', id)).map((a) => a.action)).toEqual([
			'student.create',
			'student.deactivate',
			'student.reactivate'
		]);
	});

	it('keeps a class with pupils open, and rejects a second staff member with the same e-mail', async () => {
		const cls = await db
			.selectFrom('classes')
			.select(['id', 'version'])
			.where('school_id', '=', qt)
			.where('name', '=', '6A')
			.where('school_year_id', '=', (eb) =>
				eb.selectFrom('school_years').select('id').where('is_current', '=', true)
			)
			.executeTakeFirstOrThrow();
		await expect(setClassActive(db, admin, qt, cls.id, cls.version, false)).rejects.toMatchObject({
			code: 'roster_class_has_students'
		});
		await expect(setClassActive(db, admin, qt, cls.id, cls.version, false)).rejects.toBeInstanceOf(
			DomainError
		);
		const base = { fullName: 'Bùi Văn Công', phone: null, position: 'teacher' as const };
		await createStaff(db, admin, qt, {
			...base,
			code: 'T-CHG-GV1',
			email: 'cong.bv@demo.example',
			subjectIds: []
		});
		const err = await createStaff(db, admin, qt, {
			...base,
			code: 'T-CHG-GV2',
			email: 'Cong.BV@demo.example'.toLowerCase(),
			subjectIds: []
		}).catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err).toMatchObject({ field: 'email', code: 'roster_email_taken' });
		const taken = await createStaff(db, admin, qt, {
			...base,
			code: 'T-CHG-GV1',
			email: null,
			subjectIds: []
		}).catch((e) => e);
		expect(taken).toMatchObject({ field: 'code', code: 'roster_code_taken' });
	});

	it('audits guardian links and unlinks', async () => {
		const id = await newStudent('T-CHG-04');
		const guardianId = await addGuardianToStudent(db, admin, qt, id, {
			fullName: 'Hoàng Văn Tiến',
			phone: '0987000111',
			email: null,
			relationship: 'father'
		});
		expect((await getStudent(db, admin.principal, qt, id)).guardians).toMatchObject([
			{ id: guardianId, relationship: 'father' }
		]);
		await unlinkGuardian(db, admin, qt, id, guardianId);
		expect((await getStudent(db, admin.principal, qt, id)).guardians).toEqual([]);
		const actions = (await auditOf('student_guardian', `${id}:${guardianId}`)).map((a) => a.action);
		expect(actions).toEqual(['guardian.link', 'guardian.unlink']);
		expect((await auditOf('guardian', guardianId)).map((a) => a.action)).toEqual([
			'guardian.create'
		]);
	});

	it('moves a school to another area with an audited move, and refuses a stale version', async () => {
		const { areas, principal } = await makeDepartment(db, 'MOVE');
		const dept = { principal };
		const base = {
			name: 'Trường TH&THCS Suối Giàng',
			level: 'TH_THCS' as const,
			areaId: areas[0].id,
			commune: 'Suối Giàng',
			address: null,
			principalName: null,
			phone: '02163871234',
			email: null
		};
		const id = await createSchool(db, dept, { ...base, code: 'T-MOVE-01' });
		await expect(createSchool(db, dept, { ...base, code: 'T-MOVE-01' })).rejects.toMatchObject({
			field: 'code'
		});
		const input = { ...base, areaId: areas[1].id, version: 1 };
		expect(await updateSchool(db, dept, id, input)).toBe(2);
		await expect(updateSchool(db, dept, id, { ...input, name: 'Ghi đè' })).rejects.toBeInstanceOf(
			ConflictError
		);
		const audit = await auditOf('school', id);
		expect(audit.map((a) => a.action)).toEqual([
			'school.create',
			'school.update',
			'school.move_area'
		]);
		expect(audit[2]).toMatchObject({
			before: { area_id: areas[0].id },
			after: { area_id: areas[1].id }
		});
		// The new school tracks the required platforms from the start.
		const platforms = await db
			.selectFrom('school_platforms')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('school_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(Number(platforms.n)).toBeGreaterThan(0);
		// A school admin of the demo province cannot place a school in this department's areas.
		await expect(createSchool(db, admin, { ...base, code: 'T-MOVE-02' })).rejects.toMatchObject({
			status: 404
		});
	});
});
