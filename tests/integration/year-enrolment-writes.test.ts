import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { strangers } from '../../src/lib/server/grades/cell-checks';
import { requirePupils } from '../../src/lib/server/grades/homeroom';
import { primaryClassSummary } from '../../src/lib/server/primary/summary';
import { recomputePrimaryYear } from '../../src/lib/server/primary/year';
import type { PrimaryClass } from '../../src/lib/server/primary/classes';
import { connectTestDb, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction, runId } from '../helpers/usage';

/**
 * The write checks and the primary recompute read a class's pupils from the enrolments of the
 * class's school year (0360), not from `students.class_id`: once a pupil has moved on to this
 * year's class, last year's books still accept and count them, and a stranger is still refused.
 * On the code that read `students.class_id` every "last year" expectation below fails.
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let lastYear: number;
let thisYear: number;

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	const years = await db.selectFrom('school_years').select(['id', 'name']).execute();
	lastYear = years.find((y) => y.name === '2025-2026')!.id;
	thisYear = years.find((y) => y.name === '2026-2027')!.id;
});
afterAll(() => close());

/** Last year's class with two pupils who then moved into this year's class, and a stranger. */
async function movedOn(q: DB, grade: number) {
	const tag = runId();
	const [last, now] = await Promise.all(
		[lastYear, thisYear].map((yearId, i) =>
			q
				.insertInto('classes')
				.values({ school_id: qt, school_year_id: yearId, grade: grade + i, name: `YE${i}-${tag}` })
				.returning('id')
				.executeTakeFirstOrThrow()
		)
	);
	const ids: number[] = [];
	for (const name of ['Hà', 'Khoa', 'Lạ']) {
		const st = await q
			.insertInto('students')
			.values({ school_id: qt, class_id: last.id, code: `YE-${name}-${tag}`, full_name: name })
			.returning('id')
			.executeTakeFirstOrThrow();
		ids.push(st.id);
	}
	// the stranger was never in last year's class: their enrolment there is replaced by this year's
	await q.deleteFrom('student_enrolments').where('student_id', '=', ids[2]).execute();
	await q.updateTable('students').set({ class_id: now.id }).where('id', 'in', ids).execute();
	return { last: last.id, now: now.id, ids };
}

describe("last year's books after the pupils moved on", () => {
	it('accepts the gradebook cells and homeroom rows of last year’s pupils, not a stranger’s', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const s = await movedOn(trx, 6);
			const [ha, khoa, stranger] = s.ids;
			const problems = await strangers(trx, s.last, [
				{ studentId: ha, column: 'tx1' },
				{ studentId: khoa, column: 'gk' },
				{ studentId: stranger, column: 'tx1' }
			]);
			expect(problems.map((p) => p.field)).toEqual([`${stranger}_tx1`]);
			await expect(
				requirePupils(trx, s.last, [ha, khoa], (id) => `l_${id}`)
			).resolves.toBeUndefined();
			await expect(
				requirePupils(trx, s.last, [ha, stranger], (id) => `l_${id}`)
			).rejects.toMatchObject({ code: 'grades_pupil_not_in_class', field: `l_${stranger}` });
			// this year's class takes them too (their enrolment of this year)
			expect(await strangers(trx, s.now, [{ studentId: ha, column: 'tx1' }])).toEqual([]);
		});
	});

	it('recomputes and counts a primary class of last year with its moved pupils', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const s = await movedOn(trx, 4);
			const cls: PrimaryClass = {
				id: s.last,
				name: 'YE0',
				grade: 4,
				schoolId: qt,
				schoolName: QUANG_TRUNG,
				schoolYearId: lastYear,
				schoolYear: '2025-2026'
			};
			await recomputePrimaryYear(trx, cls);
			const results = await trx
				.selectFrom('primary_year_results')
				.select(['student_id', 'class_id', 'result', 'missing'])
				.where('student_id', 'in', s.ids)
				.orderBy('student_id')
				.execute();
			expect(results.map((r) => [r.student_id, r.class_id])).toEqual([
				[s.ids[0], s.last],
				[s.ids[1], s.last]
			]);
			expect(results.every((r) => r.result === null && r.missing > 0)).toBe(true);
			const summary = await primaryClassSummary(trx, cls, 'year');
			expect(summary.pupils).toBe(2);
		});
	});
});
