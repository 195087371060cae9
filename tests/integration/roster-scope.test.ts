import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Actor } from '../../src/lib/server/roster/context';
import { createStaff, getStaff, listStaff, updateStaff } from '../../src/lib/server/roster/staff';
import { listClasses, setClassActive } from '../../src/lib/server/roster/classes';
import { getStudent, listStudents, updateStudent } from '../../src/lib/server/roster/students';
import { getGuardian, setGuardianActive } from '../../src/lib/server/roster/guardians';
import { linkStudentByCode, unlinkGuardian } from '../../src/lib/server/roster/guardian-links';
import { createAccount } from '../../src/lib/server/roster/accounts';
import { updateSchool } from '../../src/lib/server/org/school-edit';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';

let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
let adminQt: Actor;
let teacherQt: Actor;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
	adminQt = { principal: await principalOf(db, 'quangtrung.admin@demo.example') };
	teacherQt = { principal: await principalOf(db, 'quangtrung.gv@demo.example') };
});
afterAll(() => close());

/** A row of each roster table of THPT Nguyễn Tất Thành. */
async function nttRows() {
	const pick = (table: 'staff' | 'classes' | 'students' | 'guardians') =>
		db
			.selectFrom(table)
			.select(['id', 'version'])
			.where('school_id', '=', ntt)
			.orderBy('id')
			.executeTakeFirstOrThrow();
	return {
		staff: await pick('staff'),
		cls: await pick('classes'),
		student: await pick('students'),
		guardian: await pick('guardians')
	};
}

describe('roster scope', () => {
	it("answers 404 to a school admin for another school's lists and rows", async () => {
		const r = await nttRows();
		const p = adminQt.principal;
		await expect(listStaff(db, p, ntt, {})).rejects.toMatchObject({ status: 404 });
		await expect(listClasses(db, p, ntt, {})).rejects.toMatchObject({ status: 404 });
		await expect(listStudents(db, p, ntt, {})).rejects.toMatchObject({ status: 404 });
		await expect(getStaff(db, p, ntt, r.staff.id)).rejects.toMatchObject({ status: 404 });
		await expect(getStudent(db, p, ntt, r.student.id)).rejects.toMatchObject({ status: 404 });
		await expect(getGuardian(db, p, ntt, r.guardian.id)).rejects.toMatchObject({ status: 404 });
	});

	it("answers 404 when a school admin reaches another school's row through their own school", async () => {
		const r = await nttRows();
		const p = adminQt.principal;
		// The row id of the other school under the admin's own school id: still not found.
		await expect(getStaff(db, p, qt, r.staff.id)).rejects.toMatchObject({ status: 404 });
		await expect(getStudent(db, p, qt, r.student.id)).rejects.toMatchObject({ status: 404 });
		await expect(
			setClassActive(db, adminQt, qt, r.cls.id, r.cls.version, false)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			setGuardianActive(db, adminQt, qt, r.guardian.id, r.guardian.version, false)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			unlinkGuardian(db, adminQt, qt, r.student.id, r.guardian.id)
		).rejects.toMatchObject({ status: 404 });
		await expect(
			createAccount(
				db,
				adminQt,
				qt,
				{ kind: 'staff', id: r.staff.id },
				{
					email: 'steal@demo.example',
					roles: ['teacher']
				}
			)
		).rejects.toMatchObject({ status: 404 });
		const nttStudent = await db
			.selectFrom('students')
			.select('code')
			.where('id', '=', r.student.id)
			.executeTakeFirstOrThrow();
		const ownGuardian = await db
			.selectFrom('guardians')
			.select('id')
			.where('school_id', '=', qt)
			.executeTakeFirstOrThrow();
		await expect(
			linkStudentByCode(db, adminQt, qt, ownGuardian.id, {
				studentCode: nttStudent.code,
				relationship: 'father'
			})
		).rejects.toMatchObject({ field: 'studentCode' });
		const after = await nttRows();
		expect(after).toEqual(r);
	});

	it('lets a teacher see staff and classes of their school but change nothing', async () => {
		const p = teacherQt.principal;
		expect((await listStaff(db, p, qt, {})).total).toBeGreaterThan(10);
		// the school's classes of this year: the 20 seeded ones and any a concurrent test file added
		// (the list shows the current year; the seed also has a class of 2025-2026)
		const classes = await db
			.selectFrom('classes')
			.innerJoin('school_years as y', 'y.id', 'classes.school_year_id')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('school_id', '=', qt)
			.where('y.is_current', '=', true)
			.executeTakeFirstOrThrow();
		expect(classes.n).toBeGreaterThanOrEqual(20);
		expect((await listClasses(db, p, qt, {})).total).toBe(classes.n);
		await expect(listStudents(db, p, qt, {})).rejects.toMatchObject({ status: 404 });
		await expect(
			createStaff(db, teacherQt, qt, {
				code: 'T-NOPE',
				fullName: 'Không Được',
				email: null,
				phone: null,
				position: 'teacher',
				subjectIds: []
			})
		).rejects.toMatchObject({ status: 404 });
		const staff = await db
			.selectFrom('staff')
			.selectAll()
			.where('school_id', '=', qt)
			.executeTakeFirstOrThrow();
		await expect(
			updateStaff(db, teacherQt, qt, staff.id, {
				code: staff.code,
				fullName: 'Đổi Tên',
				email: staff.email,
				phone: staff.phone,
				position: staff.position,
				subjectIds: [],
				version: staff.version
			})
		).rejects.toMatchObject({ status: 404 });
		await expect(listStaff(db, p, ntt, {})).rejects.toMatchObject({ status: 404 });
	});

	it('keeps school master data to the department', async () => {
		const school = await db
			.selectFrom('schools')
			.selectAll()
			.where('id', '=', qt)
			.executeTakeFirstOrThrow();
		const input = {
			name: school.name,
			level: school.level,
			areaId: school.area_id,
			commune: school.commune,
			address: school.address,
			principalName: school.principal_name,
			phone: school.phone,
			email: school.email,
			version: school.version
		};
		await expect(updateSchool(db, adminQt, qt, input)).rejects.toMatchObject({ status: 404 });
		const official = { principal: await principalOf(db, 'vanyen@demo.example') };
		await expect(updateSchool(db, official, qt, input)).rejects.toMatchObject({ status: 404 });
	});

	it("refuses a student update with another school's class", async () => {
		const student = await db
			.selectFrom('students')
			.selectAll()
			.where('school_id', '=', qt)
			.executeTakeFirstOrThrow();
		const nttClass = (await nttRows()).cls;
		await expect(
			updateStudent(db, adminQt, qt, student.id, {
				code: student.code,
				fullName: student.full_name,
				dateOfBirth: student.date_of_birth!,
				gender: student.gender,
				ethnicityCode: student.ethnicity_code,
				classId: nttClass.id,
				version: student.version
			})
		).rejects.toMatchObject({ field: 'classId' });
	});
});
