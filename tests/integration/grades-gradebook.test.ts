import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { semesterAverage } from '../../src/lib/grades/secondary';
import { regularAssessmentCount } from '../../src/lib/grades/plan';
import { loadGradebook } from '../../src/lib/server/grades/gradebook';
import { listOwnGradebooks } from '../../src/lib/server/grades/queries';
import {
	GradebookConflictError,
	saveCells,
	type CellChange
} from '../../src/lib/server/grades/service';
import { DomainError } from '../../src/lib/server/errors';
import { connectTestDb, NGUYEN_TAT_THANH, principalOf, QUANG_TRUNG } from '../helpers/context';
import { outsiderOf, scoredGradebooks, type GradebookPick } from '../helpers/grades';

let db: DB;
let close: () => Promise<void>;
let picks: GradebookPick[];

beforeAll(async () => {
	({ db, close } = connectTestDb());
	picks = await scoredGradebooks(db, QUANG_TRUNG);
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'grades-test' });
const ids = (g: GradebookPick) => [g.classId, g.subjectId, g.semesterId] as const;

/** A full row of scores for the plan: TX 8, 7, ... then GK and CK. */
function fullRow(studentId: number, n: number, gk: number, ck: number): CellChange[] {
	const regular = Array.from({ length: n }, (_, i) => ({
		studentId,
		column: `tx${i + 1}`,
		value: 8 - (i % 3),
		state: 'value' as const,
		version: 0
	}));
	return [
		...regular,
		{ studentId, column: 'gk', value: gk, state: 'value', version: 0 },
		{ studentId, column: 'ck', value: ck, state: 'value', version: 0 }
	];
}

async function setup(index: number) {
	const g = picks[index];
	const teacher = await principalOf(db, g.teacherEmail);
	const book = await loadGradebook(db, teacher, ...ids(g));
	const n = regularAssessmentCount({ assessment: 'score', periodsPerYear: g.periods });
	return { g, teacher, book, n };
}

describe('a subject teacher’s gradebook', () => {
	it('loads the class’s pupils with the plan’s columns and no result before any score', async () => {
		const { book, n } = await setup(0);
		expect(book.canEnter).toBe(true);
		expect(book.columns).toEqual([
			...Array.from({ length: n }, (_, i) => `tx${i + 1}`),
			'gk',
			'ck'
		]);
		expect(book.rows.length).toBeGreaterThan(10);
		const empty = book.rows.find((r) => Object.keys(r.cells).length === 0)!;
		expect(empty.result).toMatchObject({ status: 'incomplete', average: null });
		expect(empty.result.missing.map((m) => m.column)).toEqual(book.columns);
	});

	it('saves a full row, computes the average with the circular’s formula, stores it and audits', async () => {
		const { g, teacher, book, n } = await setup(1);
		const pupil = book.rows[0].id;
		const { saved } = await saveCells(db, actor(teacher), ...ids(g), fullRow(pupil, n, 6.5, 7.5));
		expect(saved).toBe(n + 2);
		const after = await loadGradebook(db, teacher, ...ids(g));
		const row = after.rows.find((r) => r.id === pupil)!;
		const regular = Array.from({ length: n }, (_, i) => 8 - (i % 3));
		const expected = semesterAverage({ regular, midterm: 6.5, final: 7.5 });
		expect(row.result).toMatchObject({ status: 'ok', average: expected });
		expect(row.cells.gk).toMatchObject({ value: 6.5, state: 'value', version: 1 });
		const stored = await db
			.selectFrom('grade_results')
			.selectAll()
			.where('student_id', '=', pupil)
			.where('subject_id', '=', g.subjectId)
			.where('semester_id', '=', g.semesterId)
			.executeTakeFirstOrThrow();
		expect(stored).toMatchObject({ status: 'ok', average: expected, missing: [] });
		const audit = await db
			.selectFrom('audit_log')
			.select(['before', 'after', 'actor_user_id'])
			.where('entity', '=', 'grade_score')
			.where('entity_id', '=', `${pupil}:${g.subjectId}:${g.semesterId}:gk`)
			.execute();
		expect(audit).toEqual([
			{
				before: null,
				after: { value: 6.5, state: 'value', version: 1 },
				actor_user_id: teacher.userId
			}
		]);
		// a change keeps the old value in the history
		await saveCells(db, actor(teacher), ...ids(g), [
			{ studentId: pupil, column: 'gk', value: 9, state: 'value', version: 1 }
		]);
		const history = await db
			.selectFrom('audit_log')
			.select(['before', 'after'])
			.where('entity_id', '=', `${pupil}:${g.subjectId}:${g.semesterId}:gk`)
			.orderBy('id')
			.execute();
		expect(history[1]).toEqual({
			before: { value: 6.5, state: 'value', version: 1 },
			after: { value: 9, state: 'value', version: 2 }
		});
	});

	it('tells a missing score from a 0: no average until the row is complete', async () => {
		const { g, teacher, book, n } = await setup(2);
		const pupil = book.rows[1].id;
		const row = fullRow(pupil, n, 7, 0).filter((c) => c.column !== 'ck');
		await saveCells(db, actor(teacher), ...ids(g), row);
		let view = (await loadGradebook(db, teacher, ...ids(g))).rows.find((r) => r.id === pupil)!;
		expect(view.result).toEqual({
			status: 'incomplete',
			average: null,
			passed: null,
			missing: [{ column: 'ck', reason: 'not_entered' }]
		});
		await saveCells(db, actor(teacher), ...ids(g), [
			{ studentId: pupil, column: 'ck', value: null, state: 'absent_makeup', version: 0 }
		]);
		view = (await loadGradebook(db, teacher, ...ids(g))).rows.find((r) => r.id === pupil)!;
		expect(view.result.missing).toEqual([{ column: 'ck', reason: 'makeup_pending' }]);
		const stored = await db
			.selectFrom('grade_results')
			.select(['status', 'average', 'missing'])
			.where('student_id', '=', pupil)
			.where('subject_id', '=', g.subjectId)
			.where('semester_id', '=', g.semesterId)
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ status: 'incomplete', average: null, missing: ['ck'] });
		// the make-up was never taken: the teacher records a real 0, and only now is there an average
		await saveCells(db, actor(teacher), ...ids(g), [
			{ studentId: pupil, column: 'ck', value: 0, state: 'value', version: 1 }
		]);
		view = (await loadGradebook(db, teacher, ...ids(g))).rows.find((r) => r.id === pupil)!;
		const regular = Array.from({ length: n }, (_, i) => 8 - (i % 3));
		expect(view.result.average).toBe(semesterAverage({ regular, midterm: 7, final: 0 }));
	});

	it('refuses a stale cell with the conflicting cells and saves nothing', async () => {
		const { g, teacher, book } = await setup(3);
		const pupil = book.rows[2].id;
		await saveCells(db, actor(teacher), ...ids(g), [
			{ studentId: pupil, column: 'tx1', value: 5, state: 'value', version: 0 }
		]);
		const attempt = saveCells(db, actor(teacher), ...ids(g), [
			{ studentId: pupil, column: 'tx2', value: 9, state: 'value', version: 0 },
			{ studentId: pupil, column: 'tx1', value: 6, state: 'value', version: 0 }
		]);
		await expect(attempt).rejects.toBeInstanceOf(GradebookConflictError);
		await expect(attempt).rejects.toMatchObject({
			cells: [{ studentId: pupil, column: 'tx1', value: 5, state: 'value', version: 1 }]
		});
		const view = (await loadGradebook(db, teacher, ...ids(g))).rows.find((r) => r.id === pupil)!;
		expect(view.cells.tx1).toMatchObject({ value: 5, version: 1 });
		expect(view.cells.tx2).toBeUndefined();
	});

	it('refuses a bad score or a column the plan does not have at that cell, saving nothing', async () => {
		const { g, teacher, book } = await setup(4);
		const pupil = book.rows[3].id;
		const cell = (column: string, value: number): CellChange => ({
			studentId: pupil,
			column,
			value,
			state: 'value',
			version: 0
		});
		const cases: Array<[CellChange, string]> = [
			[cell('gk', 10.5), 'grades_v_out_of_range'],
			[cell('gk', -1), 'grades_v_out_of_range'],
			[cell('gk', 8.55), 'grades_v_too_many_decimals'],
			[cell('gk', Infinity), 'grades_v_not_a_number'],
			[cell('gk', NaN), 'grades_v_not_a_number'],
			[cell('tx9', 8), 'grades_v_not_in_plan']
		];
		for (const [bad, code] of cases) {
			const attempt = saveCells(db, actor(teacher), ...ids(g), [cell('tx1', 7), bad]);
			await expect(attempt).rejects.toBeInstanceOf(DomainError);
			await expect(attempt).rejects.toMatchObject({ code, field: `${pupil}_${bad.column}` });
		}
		const view = (await loadGradebook(db, teacher, ...ids(g))).rows.find((r) => r.id === pupil)!;
		expect(view.cells).toEqual({});
	});

	it('refuses a pupil of another class', async () => {
		const { g, teacher } = await setup(5);
		const other = picks.find((p) => p.classId !== g.classId)!;
		const stranger = (
			await loadGradebook(db, await principalOf(db, other.teacherEmail), ...ids(other))
		).rows[0].id;
		await expect(
			saveCells(db, actor(teacher), ...ids(g), [
				{ studentId: stranger, column: 'gk', value: 5, state: 'value', version: 0 }
			])
		).rejects.toMatchObject({ code: 'grades_pupil_not_in_class' });
	});

	it('lists the teacher’s gradebooks of the current year with how many cells are filled', async () => {
		const { g, teacher, n } = await setup(1);
		const list = await listOwnGradebooks(db, teacher);
		const entry = list.find(
			(l) => l.classId === g.classId && l.subjectId === g.subjectId && l.semesterId === g.semesterId
		)!;
		expect(entry.filled).toBe(n + 2);
		expect(entry.cells).toBe(entry.pupils * (n + 2));
		expect(list.every((l) => [1, 2].includes(l.semesterNumber))).toBe(true);
	});
});

describe('who may see and enter a gradebook', () => {
	it('answers 404 to another teacher of the school who does not teach that class', async () => {
		const g = picks[0];
		const other = await principalOf(db, await outsiderOf(db, g.classId));
		await expect(loadGradebook(db, other, ...ids(g))).rejects.toMatchObject({ status: 404 });
		await expect(
			saveCells(db, actor(other), ...ids(g), fullRow(1, 2, 5, 5).slice(0, 1))
		).rejects.toMatchObject({ status: 404 });
	});

	it('lets the homeroom teacher and the school admin view but not enter another teacher’s subject', async () => {
		const g = picks[0];
		for (const email of [g.homeroomEmail, 'quangtrung.admin@demo.example']) {
			const p = await principalOf(db, email);
			const book = await loadGradebook(db, p, ...ids(g));
			expect(book.canEnter).toBe(false);
			await expect(
				saveCells(db, actor(p), ...ids(g), [
					{ studentId: book.rows[0].id, column: 'gk', value: 5, state: 'value', version: 0 }
				])
			).rejects.toMatchObject({ status: 404 });
		}
	});

	it('answers 404 to a parent and to the admin and teachers of another school', async () => {
		const g = picks[0];
		const ntt = await scoredGradebooks(db, NGUYEN_TAT_THANH);
		for (const email of [
			'quangtrung.ph@demo.example',
			'nguyentatthanh.admin@demo.example',
			ntt[0].teacherEmail,
			'so@demo.example'
		]) {
			const p = await principalOf(db, email);
			await expect(loadGradebook(db, p, ...ids(g))).rejects.toMatchObject({ status: 404 });
		}
	});

	it('answers 404 for a semester of another school year or a subject the class is not taught', async () => {
		const g = picks[0];
		const teacher = await principalOf(db, g.teacherEmail);
		await expect(
			loadGradebook(db, teacher, g.classId, g.subjectId, 2_000_000)
		).rejects.toMatchObject({
			status: 404
		});
		const other = picks.find((p) => p.classId === g.classId && p.subjectId !== g.subjectId);
		if (other) {
			await expect(
				saveCells(db, actor(teacher), g.classId, other.subjectId, g.semesterId, [])
			).rejects.toMatchObject({ status: 404 });
		}
	});
});
