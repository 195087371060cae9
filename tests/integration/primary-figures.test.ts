import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { primaryClassList } from '../../src/lib/server/primary/classes';
import { primaryClassSummary } from '../../src/lib/server/primary/summary';
import { primaryFigures } from '../../src/lib/server/grades/primary-figures';
import { connectTestDb, principalOf } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The department's primary figures (Circular 27 year results per school and grade) agree with the
 * school's class summaries, counts only; an area office sees only its area; a secondary grade
 * filter gives none. Year results are written directly; writes are rolled back.
 */
let db: DB;
let close: () => Promise<void>;
let so: Principal;
let area: Principal;
let admin: Principal;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	so = await principalOf(db, 'so@demo.example');
	area = await principalOf(db, 'vanyen@demo.example');
	admin = await principalOf(db, 'dongcuong.admin@demo.example');
});
afterAll(() => close());

const RESULTS = ['xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh'] as const;

describe('primary figures for the department', () => {
	it('hold the same counts as the class summaries of the school', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const classes = await primaryClassList(trx, admin);
			expect(classes.length).toBeGreaterThan(1);
			const schoolId = classes[0].schoolId;
			// a spread of results over every class
			for (const cls of classes) {
				const pupils = await trx
					.selectFrom('students')
					.select('id')
					.where('class_id', '=', cls.id)
					.where('active', '=', true)
					.orderBy('id')
					.execute();
				const rows = pupils.slice(0, 7).map((p, i) => ({
					school_id: cls.schoolId,
					class_id: cls.id,
					student_id: p.id,
					school_year_id: cls.schoolYearId,
					result: i === 6 ? null : RESULTS[i % 4]
				}));
				if (rows.length) await trx.insertInto('primary_year_results').values(rows).execute();
			}
			const figures = (await primaryFigures(trx, so, { area: null, grade: null })).filter(
				(r) => r.schoolId === schoolId
			);
			const grades = [...new Set(classes.map((c) => c.grade))].sort();
			expect(figures.map((r) => r.grade)).toEqual(grades);
			for (const grade of grades) {
				const expected = { xuat_sac: 0, tot: 0, hoan_thanh: 0, chua_hoan_thanh: 0, pending: 0 };
				let pupils = 0;
				for (const cls of classes.filter((c) => c.grade === grade)) {
					const s = await primaryClassSummary(trx, cls, 'year');
					pupils += s.pupils;
					for (const k of Object.keys(expected) as Array<keyof typeof expected>)
						expected[k] += s.year!.results[k];
				}
				const row = figures.find((r) => r.grade === grade)!;
				expect(row.results).toEqual(expected);
				expect(row.pupils).toBe(pupils);
				expect(row.results.tot).toBeGreaterThan(0);
			}
			// counts only: no pupil name anywhere in the answer
			const names = await trx
				.selectFrom('students')
				.select('full_name')
				.where('school_id', '=', schoolId)
				.execute();
			const text = JSON.stringify(figures);
			expect(names.some((n) => text.includes(n.full_name))).toBe(false);
			// one grade, an area filter, a secondary grade
			const g1 = await primaryFigures(trx, so, { area: null, grade: 1 });
			expect(g1.every((r) => r.grade === 1)).toBe(true);
			expect(await primaryFigures(trx, so, { area: null, grade: 8 })).toEqual([]);
			const inArea = await primaryFigures(trx, area, { area: null, grade: null });
			expect(inArea.some((r) => r.schoolId === schoolId)).toBe(true);
		});
	});

	it('shows nothing to a caller without grades.figures (a school admin)', async () => {
		expect(await primaryFigures(db, admin, { area: null, grade: null })).toEqual([]);
	});
});
