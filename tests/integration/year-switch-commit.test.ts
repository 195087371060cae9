import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, createPool } from '../../src/lib/server/db/connect';
import type { DB } from '../../src/lib/server/db';
import { makeYearCurrent, switchPlan } from '../../src/lib/server/year/switch';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/database';

/**
 * The double submit of making a later school year current (issue 11), with committed rows. The
 * current year is one flag for the whole portal, so this runs on a database of its own (migrated,
 * a department with one school, two years, three pupils): on the run's shared database a committed
 * switch would move the current year under every other test file for a moment.
 */
let database: ThrowawayDatabase;
let db: DB;
let departmentId: number;
let userId: number;
let thisYear: number;
let next: { id: number; version: number };
let now: number;
let later: number;
let pupils: number[];

beforeAll(async () => {
	database = await createThrowawayDatabase('trs_year_switch', { seed: false });
	db = createKysely(createPool(database.url, 4));
	const dept = await db
		.insertInto('departments')
		.values({ code: 'YS', name: 'Sở GD&ĐT thử', province_name: 'Thử' })
		.returning('id')
		.executeTakeFirstOrThrow();
	departmentId = dept.id;
	const area = await db
		.insertInto('areas')
		.values({ department_id: departmentId, code: 'YS-A', name: 'Khu vực thử' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const school = await db
		.insertInto('schools')
		.values({
			department_id: departmentId,
			area_id: area.id,
			code: 'YS-S',
			name: 'Trường THCS Thử',
			level: 'THCS'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	userId = (
		await db
			.insertInto('users')
			.values({ name: 'Cán bộ Sở', email: 'so@ys.example' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await db.updateTable('school_years').set({ is_current: false }).execute();
	thisYear = (
		await db
			.insertInto('school_years')
			.values({
				name: '2026-2027',
				starts_on: '2026-09-05',
				ends_on: '2027-05-31',
				is_current: true
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	next = await db
		.insertInto('school_years')
		.values({ name: '2027-2028', starts_on: '2027-09-05', ends_on: '2028-05-31' })
		.returning(['id', 'version'])
		.executeTakeFirstOrThrow();
	[now, later] = await Promise.all(
		[thisYear, next.id].map(async (yearId, i) => {
			const c = await db
				.insertInto('classes')
				.values({ school_id: school.id, school_year_id: yearId, grade: 6 + i, name: `${6 + i}A` })
				.returning('id')
				.executeTakeFirstOrThrow();
			return c.id;
		})
	);
	pupils = [];
	for (const name of ['An', 'Bình', 'Chi']) {
		const st = await db
			.insertInto('students')
			.values({ school_id: school.id, class_id: now, code: `YS-${name}`, full_name: name })
			.returning('id')
			.executeTakeFirstOrThrow();
		pupils.push(st.id);
	}
	// two pupils rolled over into next year's class; the third not yet
	await db
		.insertInto('student_enrolments')
		.values(
			pupils.slice(0, 2).map((id) => ({
				school_id: school.id,
				student_id: id,
				school_year_id: next.id,
				class_id: later
			}))
		)
		.execute();
}, 120_000);

afterAll(async () => {
	await db?.destroy();
	await database?.drop();
});

describe('the double submit (committed rows)', () => {
	it('runs one switch; the second waits for the lock and is refused', async () => {
		const actor = {
			principal: {
				userId,
				email: 'so@ys.example',
				name: 'Cán bộ Sở',
				locale: 'vi' as const,
				roles: []
			},
			requestId: 'year-switch-commit-test'
		};
		const plan = await switchPlan(db, departmentId, next.id);
		expect(plan.moves.map((m) => m.studentId).sort()).toEqual(pupils.slice(0, 2).sort());
		const input = { yearId: next.id, version: next.version, signature: plan.signature };
		const results = await Promise.allSettled([
			makeYearCurrent(db, actor, departmentId, input),
			makeYearCurrent(db, actor, departmentId, input)
		]);
		const done = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected');
		expect(done).toHaveLength(1);
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
			code: 'year_switch_already_current'
		});
		const classes = await db
			.selectFrom('students')
			.select(['id', 'class_id'])
			.where('id', 'in', pupils)
			.orderBy('id')
			.execute();
		expect(classes.map((c) => c.class_id)).toEqual([later, later, now]);
		const current = await db
			.selectFrom('school_years')
			.select('id')
			.where('is_current', '=', true)
			.execute();
		expect(current.map((y) => y.id)).toEqual([next.id]);
		const switched = await db
			.selectFrom('audit_log')
			.select('entity_id')
			.where('action', '=', 'student.year_switch')
			.execute();
		expect(switched.map((a) => Number(a.entity_id)).sort()).toEqual(pupils.slice(0, 2).sort());
	});
});
