import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { figureTotals, gradeFigures } from '../../src/lib/server/grades/figures';
import { saveCheckpoint, loadCheckpoints } from '../../src/lib/server/grades/checkpoints';
import { addDays, todayIso } from '../../src/lib/dates';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * Department and area grade figures: counts per school and grade from the stored summaries; the
 * area office sees only its schools; filters; gradebooks not finished after the deadline.
 */
let db: DB;
let close: () => Promise<void>;
let department: Principal;
let area: Principal;
let schoolId: number;
const YEAR = { area: null, grade: null, term: 'year' as const };

beforeAll(async () => {
	({ db, close } = connectTestDb());
	department = await principalOf(db, 'so@demo.example');
	area = await principalOf(db, 'vanyen@demo.example');
	schoolId = await schoolIdByName(db, QUANG_TRUNG);
});
afterAll(() => close());

async function direct(trx: DB, school: number, grade: number, column: string) {
	const { rows } = await sql<{ level: string | null; n: string }>`
		select g.${sql.ref(column)} as level, count(*) as n from grade_year_summaries g
		join classes c on c.id = g.class_id join school_years y on y.id = g.school_year_id and y.is_current
		where g.school_id = ${school} and c.grade = ${grade} group by 1`.execute(trx);
	return Object.fromEntries(rows.map((r) => [r.level ?? 'none', Number(r.n)]));
}

describe('grade figures', () => {
	it('counts each school and grade as the stored summaries say', async () => {
		const rows = await gradeFigures(db, department, YEAR);
		const qt = rows.filter((r) => r.schoolId === schoolId);
		expect(qt.length).toBeGreaterThan(0);
		for (const r of qt) {
			const learning = await direct(db, schoolId, r.grade, 'learning_year');
			const conduct = await direct(db, schoolId, r.grade, 'conduct_year');
			for (const [k, v] of Object.entries(r.learning)) expect(v).toBe(learning[k] ?? 0);
			for (const [k, v] of Object.entries(r.conduct)) expect(v).toBe(conduct[k] ?? 0);
			expect(r.pupils).toBe(Object.values(learning).reduce((a, b) => a + b, 0));
			expect(r.promoted + r.repeat).toBeLessThanOrEqual(r.pupils);
		}
		const semester = await gradeFigures(db, department, { ...YEAR, term: '1' });
		const one = semester.find((r) => r.schoolId === schoolId)!;
		const learning1 = await direct(db, schoolId, one.grade, 'learning1');
		for (const [k, v] of Object.entries(one.learning)) expect(v).toBe(learning1[k] ?? 0);
		const total = figureTotals(rows);
		expect(total.pupils).toBe(rows.reduce((a, r) => a + r.pupils, 0));
	});

	it('the area office sees only its own schools; the department filters by area and grade', async () => {
		const areaId = area.roles.find((g) => g.role === 'area')!.areaId!;
		const mine = await gradeFigures(db, area, YEAR);
		const schoolsOfArea = new Set(
			(await db.selectFrom('schools').select('id').where('area_id', '=', areaId).execute()).map(
				(s) => s.id
			)
		);
		for (const r of mine) expect(schoolsOfArea.has(r.schoolId)).toBe(true);
		const all = await gradeFigures(db, department, YEAR);
		expect(all.filter((r) => schoolsOfArea.has(r.schoolId))).toEqual(mine);
		expect(await gradeFigures(db, department, { ...YEAR, area: areaId })).toEqual(mine);
		// an area office asking for another area gets nothing
		const other = all.find((r) => !schoolsOfArea.has(r.schoolId));
		if (other) {
			const otherArea = (
				await db
					.selectFrom('schools')
					.select('area_id')
					.where('id', '=', other.schoolId)
					.executeTakeFirstOrThrow()
			).area_id;
			expect(await gradeFigures(db, area, { ...YEAR, area: otherArea })).toEqual([]);
		}
		const grade8 = await gradeFigures(db, department, { ...YEAR, grade: 8 });
		expect(grade8.every((r) => r.grade === 8)).toBe(true);
		expect(grade8).toEqual(all.filter((r) => r.grade === 8));
		// counts only: no pupil's name anywhere in the answer
		const names = await db
			.selectFrom('students')
			.select('full_name')
			.where('school_id', '=', schoolId)
			.limit(50)
			.execute();
		const text = JSON.stringify(all);
		for (const n of names) expect(text).not.toContain(n.full_name);
	});

	it('counts gradebooks not finished once the end-of-term deadline has passed', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const before = await gradeFigures(trx, department, { ...YEAR, term: '1' });
			const admin = await principalOf(trx, 'quangtrung.admin@demo.example');
			const { checkpoints } = await loadCheckpoints(trx, schoolId);
			const end1 = checkpoints.find((c) => c.checkpoint === 'end1')!;
			await saveCheckpoint(trx, { principal: admin, requestId: 'figures-test' }, schoolId, {
				checkpoint: 'end1',
				opensOn: addDays(todayIso(), -20),
				closesOn: addDays(todayIso(), -1),
				locksOn: null,
				version: end1.version
			});
			const after = await gradeFigures(trx, department, { ...YEAR, term: '1' });
			const late = (rows: typeof after) =>
				rows.filter((r) => r.schoolId === schoolId).reduce((a, r) => a + r.lateBooks, 0);
			expect(late(before)).toBe(0);
			// the seed leaves CK of semester I open: every gradebook of the school is unfinished
			expect(late(after)).toBeGreaterThan(0);
			const books = await trx
				.selectFrom('teaching_assignments as ta')
				.innerJoin('classes as c', 'c.id', 'ta.class_id')
				.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
				.where('y.is_current', '=', true)
				.where('c.active', '=', true)
				.where('ta.school_id', '=', schoolId)
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.executeTakeFirstOrThrow();
			expect(late(after)).toBeLessThanOrEqual(Number(books.n));
		});
	});
});
