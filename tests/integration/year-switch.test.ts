import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { childYears } from '../../src/lib/server/year/child-years';
import { makeYearCurrent, switchPlan } from '../../src/lib/server/year/switch';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction, runId } from '../helpers/usage';

/**
 * Making a later school year current (issue 11, session 11) and the parent's list of years with a
 * report card. Every test runs in a rolled-back transaction: the concurrent double submit, which
 * must commit, has a database of its own (year-switch-commit.test.ts).
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let so: Principal;
let departmentId: number;
let thisYear: number;
let lastYear: number;
const actor = () => ({ principal: so, requestId: 'year-switch-test' });

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	so = await principalOf(db, 'so@demo.example');
	departmentId = (
		await db
			.selectFrom('schools')
			.select('department_id')
			.where('id', '=', qt)
			.executeTakeFirstOrThrow()
	).department_id;
	const years = await db.selectFrom('school_years').select(['id', 'name']).execute();
	thisYear = years.find((y) => y.name === '2026-2027')!.id;
	lastYear = years.find((y) => y.name === '2025-2026')!.id;
});
afterAll(() => close());

/**
 * A year after the current one with a class at Quang Trung, and a class of this year with three
 * pupils: two rolled over into next year's class (enrolment only, as the rollover leaves them while
 * the year is not current), one not yet.
 */
async function nextYearSetup(q: DB) {
	const tag = runId();
	const next = await q
		.insertInto('school_years')
		.values({ name: `2099-${tag}`, starts_on: '2099-09-05', ends_on: '2100-05-31' })
		.returning(['id', 'version'])
		.executeTakeFirstOrThrow();
	const [now, later] = await Promise.all(
		[thisYear, next.id].map((yearId, i) =>
			q
				.insertInto('classes')
				.values({ school_id: qt, school_year_id: yearId, grade: 6 + i, name: `YS${i}-${tag}` })
				.returning('id')
				.executeTakeFirstOrThrow()
		)
	);
	const ids: number[] = [];
	for (const name of ['An', 'Bình', 'Chi']) {
		const st = await q
			.insertInto('students')
			.values({ school_id: qt, class_id: now.id, code: `YS-${name}-${tag}`, full_name: name })
			.returning('id')
			.executeTakeFirstOrThrow();
		ids.push(st.id);
	}
	await q
		.insertInto('student_enrolments')
		.values(
			ids.slice(0, 2).map((id) => ({
				school_id: qt,
				student_id: id,
				school_year_id: next.id,
				class_id: later.id
			}))
		)
		.execute();
	return { next, now: now.id, later: later.id, ids };
}

async function classesOf(q: DB, ids: number[]) {
	const rows = await q
		.selectFrom('students')
		.select(['id', 'class_id'])
		.where('id', 'in', ids)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.class_id);
}

describe('making a later school year current', () => {
	it('previews the moves and the classes left behind', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const s = await nextYearSetup(trx);
			const plan = await switchPlan(trx, departmentId, s.next.id);
			expect(plan.current?.id).toBe(thisYear);
			expect(plan.moves).toEqual([
				{ studentId: s.ids[0], schoolId: qt, fromClassId: s.now, toClassId: s.later },
				{ studentId: s.ids[1], schoolId: qt, fromClassId: s.now, toClassId: s.later }
			]);
			const school = plan.schools.find((x) => x.schoolId === qt)!;
			expect(school.moved).toBe(2);
			expect(school.left.find((c) => c.classId === s.now)?.pupils).toBe(1);
			// the preview changed nothing
			expect(await classesOf(trx, s.ids)).toEqual([s.now, s.now, s.now]);
		});
	});

	it('refuses the current year, an earlier one and an unknown one beside the year field', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			for (const [yearId, code] of [
				[thisYear, 'year_switch_already_current'],
				[lastYear, 'year_switch_not_later'],
				[2_000_000_000, 'year_switch_unknown']
			] as const)
				await expect(switchPlan(trx, departmentId, yearId)).rejects.toMatchObject({
					code,
					field: 'yearId'
				});
		});
	});

	it('re-points every enrolled pupil in one audited step and keeps last year history', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const s = await nextYearSetup(trx);
			const plan = await switchPlan(trx, departmentId, s.next.id);
			const input = { yearId: s.next.id, version: s.next.version, signature: plan.signature };
			const { moved } = await makeYearCurrent(trx, actor(), departmentId, input);
			expect(moved).toBe(plan.moves.length);
			expect(await classesOf(trx, s.ids)).toEqual([s.later, s.later, s.now]);
			const years = await trx
				.selectFrom('school_years')
				.select(['id', 'is_current', 'version'])
				.where('id', 'in', [thisYear, s.next.id])
				.orderBy('id')
				.execute();
			expect(years.map((y) => [y.is_current, y.version])).toEqual([
				[false, 2],
				[true, 2]
			]);
			// this year's enrolments stay (history), next year's are the classes now
			const enrolments = await trx
				.selectFrom('student_enrolments')
				.select(['student_id', 'school_year_id', 'class_id'])
				.where('student_id', 'in', s.ids)
				.orderBy('student_id')
				.orderBy('school_year_id')
				.execute();
			expect(enrolments.filter((e) => e.school_year_id === thisYear)).toHaveLength(3);
			expect(enrolments.filter((e) => e.school_year_id === s.next.id)).toHaveLength(2);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'entity_id'])
				.where('request_id', '=', 'year-switch-test')
				.execute();
			expect(audit.filter((a) => a.action === 'school_year.make_current')).toHaveLength(1);
			const pupils = audit
				.filter((a) => a.action === 'student.year_switch')
				.map((a) => a.entity_id);
			expect(pupils).toEqual(expect.arrayContaining(s.ids.slice(0, 2).map(String)));
			expect(pupils).not.toContain(String(s.ids[2]));
			// submitting again changes nothing
			await expect(makeYearCurrent(trx, actor(), departmentId, input)).rejects.toMatchObject({
				code: 'year_switch_already_current'
			});
		});
	});

	it('refuses a stale version or a changed list of moves, changing nothing', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const s = await nextYearSetup(trx);
			const plan = await switchPlan(trx, departmentId, s.next.id);
			await expect(
				makeYearCurrent(trx, actor(), departmentId, {
					yearId: s.next.id,
					version: s.next.version + 1,
					signature: plan.signature
				})
			).rejects.toMatchObject({ entity: 'school_year' });
			// a school rolls the third pupil over after the preview
			await trx
				.insertInto('student_enrolments')
				.values({
					school_id: qt,
					student_id: s.ids[2],
					school_year_id: s.next.id,
					class_id: s.later
				})
				.execute();
			await expect(
				makeYearCurrent(trx, actor(), departmentId, {
					yearId: s.next.id,
					version: s.next.version,
					signature: plan.signature
				})
			).rejects.toMatchObject({ code: 'year_switch_changed' });
			expect(await classesOf(trx, s.ids)).toEqual([s.now, s.now, s.now]);
			const current = await trx
				.selectFrom('school_years')
				.select('id')
				.where('is_current', '=', true)
				.executeTakeFirstOrThrow();
			expect(current.id).toBe(thisYear);
		});
	});
});

describe("a parent's school years with a report card", () => {
	it("lists last year's class and published checkpoints, never another family's child", async () => {
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const other = await principalOf(db, 'dongcuong.ph@demo.example');
		const children = await db
			.selectFrom('student_guardians as sg')
			.innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
			.select('sg.student_id')
			.where('g.user_id', '=', parent.userId)
			.execute();
		const lists = await Promise.all(children.map((c) => childYears(db, parent, c.student_id)));
		const withLast = lists.flat().filter((y) => y.yearId === lastYear);
		expect(withLast.length).toBeGreaterThan(0);
		expect(withLast[0].published).toEqual(['mid1', 'end1', 'mid2', 'year']);
		expect(withLast[0].isCurrent).toBe(false);
		for (const c of children) expect(await childYears(db, other, c.student_id)).toEqual([]);
	});
});
