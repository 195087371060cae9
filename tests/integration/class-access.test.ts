import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { classWhere, studentWhere, teachingWhere } from '../../src/lib/server/auth/access';
import type { Principal } from '../../src/lib/server/auth/session';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';

/**
 * The class, pupil and (class, subject) predicates of `auth/access/classes.ts` on the demo rosters
 * of THCS Quang Trung and THPT Nguyễn Tất Thành (read only). Expected sets come straight from the
 * tables: a teacher's `teaching_assignments`, the homeroom column, a guardian's links.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
});
afterAll(() => close());

const key = (r: { class_id: number; subject_id: number }) => `${r.class_id}:${r.subject_id}`;
const sorted = (keys: Iterable<string | number>) => [...keys].map(String).sort();

/** Every (class, subject) pair of both pilot schools on which `p` holds `permission`. */
async function pairs(p: Principal, permission: 'teaching.enter' | 'teaching.view') {
	const rows = await db
		.selectFrom('classes as c')
		.innerJoin('subjects as s', (join) => join.onTrue())
		.select(['c.id as class_id', 's.id as subject_id', 'c.school_id'])
		.where('c.school_id', 'in', [qt, ntt])
		.where(teachingWhere(p, permission, 'c.id', 's.id'))
		.execute();
	return rows;
}

/** The pairs `teaching_assignments` gives to the staff rows of this user. */
async function assignedPairs(userId: number) {
	const rows = await db
		.selectFrom('teaching_assignments as ta')
		.innerJoin('staff', 'staff.id', 'ta.staff_id')
		.select(['ta.class_id', 'ta.subject_id'])
		.where('staff.user_id', '=', userId)
		.where('staff.active', '=', true)
		.execute();
	return rows;
}

async function homeroomClassIds(userId: number) {
	const rows = await db
		.selectFrom('classes')
		.innerJoin('staff', 'staff.id', 'classes.homeroom_staff_id')
		.select('classes.id')
		.where('staff.user_id', '=', userId)
		.where('staff.active', '=', true)
		.execute();
	return rows.map((r) => r.id);
}

async function subjectIds() {
	return (await db.selectFrom('subjects').select('id').execute()).map((r) => r.id);
}

async function classIds(p: Principal, permission: 'class.teach' | 'class.view') {
	const rows = await db
		.selectFrom('classes')
		.select('id')
		.where(classWhere(p, permission))
		.execute();
	return rows.map((r) => r.id);
}

/** A Quang Trung teacher with an account who teaches subjects but is no class's homeroom teacher. */
async function subjectTeacher(): Promise<Principal> {
	const row = await db
		.selectFrom('staff')
		.innerJoin('users', 'users.id', 'staff.user_id')
		.select('users.email')
		.where('staff.school_id', '=', qt)
		.where('staff.active', '=', true)
		.where(({ exists, selectFrom }) =>
			exists(selectFrom('teaching_assignments as ta').whereRef('ta.staff_id', '=', 'staff.id'))
		)
		.where(({ not, exists, selectFrom }) =>
			not(exists(selectFrom('classes as c').whereRef('c.homeroom_staff_id', '=', 'staff.id')))
		)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('role_assignments as ra')
						.whereRef('ra.user_id', '=', 'users.id')
						.where('ra.role', '<>', 'teacher')
				)
			)
		)
		.orderBy('staff.id')
		.limit(1)
		.executeTakeFirstOrThrow();
	return principalOf(db, row.email!);
}

describe('a teacher’s classes and subjects', () => {
	it('gives a subject teacher exactly their class × subject pairs, to view and to enter', async () => {
		const t = await subjectTeacher();
		const own = sorted((await assignedPairs(t.userId)).map(key));
		expect(own.length).toBeGreaterThan(0);
		expect(sorted((await pairs(t, 'teaching.enter')).map(key))).toEqual(own);
		expect(sorted((await pairs(t, 'teaching.view')).map(key))).toEqual(own);
		const classes = new Set((await assignedPairs(t.userId)).map((r) => r.class_id));
		expect(sorted(await classIds(t, 'class.teach'))).toEqual(sorted(classes));
	});

	it('lets a homeroom teacher view every subject of the class but enter only their own', async () => {
		const h = await principalOf(db, 'quangtrung.gv@demo.example');
		const homeroom = await homeroomClassIds(h.userId);
		expect(homeroom.length).toBeGreaterThan(0);
		const own = await assignedPairs(h.userId);
		const subjects = await subjectIds();
		const view = sorted((await pairs(h, 'teaching.view')).map(key));
		const expectedView = new Set([
			...homeroom.flatMap((c) => subjects.map((s) => `${c}:${s}`)),
			...own.map(key)
		]);
		expect(view).toEqual(sorted(expectedView));
		const enter = sorted((await pairs(h, 'teaching.enter')).map(key));
		expect(enter).toEqual(sorted(own.map(key)));
		// A subject of the homeroom class that another teacher teaches: seen, not entered.
		const others = await db
			.selectFrom('teaching_assignments as ta')
			.innerJoin('staff', 'staff.id', 'ta.staff_id')
			.select(['ta.class_id', 'ta.subject_id'])
			.where('ta.class_id', 'in', homeroom)
			.where((eb) => eb.or([eb('staff.user_id', '<>', h.userId), eb('staff.user_id', 'is', null)]))
			.execute();
		expect(others.length).toBeGreaterThan(0);
		for (const pair of others) {
			expect(view).toContain(key(pair));
			expect(enter).not.toContain(key(pair));
		}
		const teach = await classIds(h, 'class.teach');
		expect(sorted(teach)).toEqual(sorted(new Set([...homeroom, ...own.map((r) => r.class_id)])));
	});

	it('gives a school admin the school’s pairs and nothing of another school', async () => {
		const admin = await principalOf(db, 'quangtrung.admin@demo.example');
		const view = await pairs(admin, 'teaching.view');
		const qtClasses = await db
			.selectFrom('classes')
			.select('id')
			.where('school_id', '=', qt)
			.execute();
		expect(view.length).toBe(qtClasses.length * (await subjectIds()).length);
		expect(view.every((r) => r.school_id === qt)).toBe(true);
		// Entering grades is the subject teacher's: the admin enters only what they teach.
		const enter = sorted((await pairs(admin, 'teaching.enter')).map(key));
		expect(enter).toEqual(sorted((await assignedPairs(admin.userId)).map(key)));
		const other = await principalOf(db, 'nguyentatthanh.admin@demo.example');
		expect((await pairs(other, 'teaching.view')).every((r) => r.school_id === ntt)).toBe(true);
		expect(await classIds(admin, 'class.view')).toEqual(
			expect.arrayContaining(qtClasses.map((c) => c.id))
		);
	});

	it('gives officials no class, pupil or pair (they see counts)', async () => {
		for (const email of ['so@demo.example', 'vanyen@demo.example']) {
			const p = await principalOf(db, email);
			expect(await pairs(p, 'teaching.view'), email).toEqual([]);
			expect(await classIds(p, 'class.view'), email).toEqual([]);
		}
	});
});

describe('a guardian’s children', () => {
	it('gives a parent only their own children, and no class to teach', async () => {
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const children = await db
			.selectFrom('student_guardians as sg')
			.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
			.select('sg.student_id')
			.where('g.user_id', '=', parent.userId)
			.execute();
		expect(children.length).toBe(2);
		const seen = await db
			.selectFrom('students')
			.select('id')
			.where(studentWhere(parent, 'student.family'))
			.execute();
		expect(sorted(seen.map((s) => s.id))).toEqual(sorted(children.map((c) => c.student_id)));
		expect(await classIds(parent, 'class.teach')).toEqual([]);
		expect(await pairs(parent, 'teaching.view')).toEqual([]);
	});

	it('gives a teacher no pupil through student.family', async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from students
			where ${studentWhere(teacher, 'student.family')}`.execute(db);
		expect(rows[0].n).toBe(0);
	});
});
