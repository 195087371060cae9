import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { withQueryStats } from '../../src/lib/server/db/query-stats';
import { loadGradebook } from '../../src/lib/server/grades/gradebook';
import { requireGradebook, storedCells } from '../../src/lib/server/grades/queries';
import {
	cellKey,
	GradebookConflictError,
	saveCells,
	writeChanges,
	type CellChange
} from '../../src/lib/server/grades/service';
import { connectTestDb, principalOf, QUANG_TRUNG } from '../helpers/context';
import { scoredGradebooks, type GradebookPick } from '../helpers/grades';
import { inRolledBackTransaction } from '../helpers/usage';

let db: DB;
let close: () => Promise<void>;
let picks: GradebookPick[];

beforeAll(async () => {
	({ db, close } = connectTestDb());
	// a third of the way in: grades-gradebook takes the first, grades-sheet the middle,
	// grades-checkpoints the last gradebooks
	picks = await scoredGradebooks(db, QUANG_TRUNG);
});
afterAll(() => close());

const pick = (i: number) => picks[Math.floor(picks.length / 3) + i];
const ids = (g: GradebookPick) => [g.classId, g.subjectId, g.semesterId] as const;

async function setup(i: number) {
	const g = pick(i);
	const teacher = await principalOf(db, g.teacherEmail);
	const book = await loadGradebook(db, teacher, ...ids(g));
	return { g, teacher, actor: { principal: teacher, requestId: `save-stmt-${i}` }, book };
}

/** One cell per pupil of the column, each with the version the page loaded. */
function column(
	book: Awaited<ReturnType<typeof loadGradebook>>,
	col: string,
	value: (i: number) => number
) {
	return book.rows.map((r, i): CellChange => ({
		studentId: r.id,
		column: col,
		value: value(i),
		state: 'value',
		version: r.cells[col]?.version ?? 0
	}));
}

async function auditRows(trx: DB, requestId: string) {
	return trx
		.selectFrom('audit_log')
		.select(['entity_id', 'before', 'after'])
		.where('request_id', '=', requestId)
		.where('action', '=', 'grades.score.save')
		.execute();
}

describe('saving a gradebook writes every cell in one statement', () => {
	it('saves a whole column with as many queries as a single cell, one audit row per cell', async () => {
		const { g, actor, book } = await setup(0);
		await inRolledBackTransaction(db, async (trx) => {
			// the first save of the day also records the teacher's use of the e-gradebook
			await saveCells(trx, actor, ...ids(g), column(book, 'tx3', () => 7).slice(0, 1));
			const one = withQueryStats(() =>
				saveCells(trx, actor, ...ids(g), column(book, 'tx1', () => 7).slice(1, 2))
			);
			await one.result;
			const all = withQueryStats(() =>
				saveCells(
					trx,
					actor,
					...ids(g),
					column(book, 'tx2', (i) => 5 + (i % 5))
				)
			);
			expect((await all.result).saved).toBe(book.rows.length);
			expect(book.rows.length).toBeGreaterThan(20);
			// the same statements whatever the number of cells: no query per cell
			expect(all.stats.count).toBe(one.stats.count);
			const audit = await auditRows(trx, actor.requestId);
			expect(audit).toHaveLength(book.rows.length + 2);
			const stored = await storedCells(
				trx,
				book.rows.map((r) => r.id),
				g.subjectId,
				g.semesterId
			);
			const tx2 = stored.filter((c) => c.column === 'tx2');
			expect(tx2).toHaveLength(book.rows.length);
			expect(tx2.every((c) => c.version === 1)).toBe(true);
		});
	});

	it('updates saved cells in the same statement, raising each version and auditing old and new', async () => {
		const { g, actor, teacher, book } = await setup(1);
		await inRolledBackTransaction(db, async (trx) => {
			await saveCells(
				trx,
				actor,
				...ids(g),
				column(book, 'tx1', () => 4)
			);
			const reloaded = await loadGradebook(trx, teacher, ...ids(g));
			const second = { ...actor, requestId: 'save-stmt-update' };
			const { saved } = await saveCells(
				trx,
				second,
				...ids(g),
				column(reloaded, 'tx1', () => 9)
			);
			expect(saved).toBe(book.rows.length);
			const after = await loadGradebook(trx, teacher, ...ids(g));
			expect(after.rows.every((r) => r.cells.tx1?.value === 9 && r.cells.tx1.version === 2)).toBe(
				true
			);
			const audit = await auditRows(trx, 'save-stmt-update');
			expect(audit).toHaveLength(book.rows.length);
			expect(audit[0].before).toMatchObject({ value: 4, version: 1 });
			expect(audit[0].after).toMatchObject({ value: 9, version: 2 });
		});
	});

	it('refuses the whole save when one cell is stale, naming it, and writes no audit row', async () => {
		const { g, actor, teacher, book } = await setup(2);
		await inRolledBackTransaction(db, async (trx) => {
			const first = book.rows[0].id;
			await saveCells(trx, { ...actor, requestId: 'other-editor' }, ...ids(g), [
				{ studentId: first, column: 'gk', value: 6, state: 'value', version: 0 }
			]);
			const attempt = saveCells(
				trx,
				actor,
				...ids(g),
				column(book, 'gk', () => 8)
			);
			await expect(attempt).rejects.toBeInstanceOf(GradebookConflictError);
			await expect(attempt).rejects.toMatchObject({
				cells: [{ studentId: first, column: 'gk', value: 6, version: 1 }]
			});
			expect(await auditRows(trx, actor.requestId)).toHaveLength(0);
			const after = await loadGradebook(trx, teacher, ...ids(g));
			expect(after.rows.filter((r) => r.cells.gk).map((r) => r.id)).toEqual([first]);
		});
	});

	it('catches a cell changed after it was read: the statement’s own version check', async () => {
		const { g, teacher, actor, book } = await setup(3);
		await inRolledBackTransaction(db, async (trx) => {
			await saveCells(trx, actor, ...ids(g), column(book, 'tx1', () => 5).slice(0, 2));
			const scope = await requireGradebook(trx, teacher, 'teaching.enter', ...ids(g));
			const [a, b] = book.rows;
			const stored = new Map(
				(await storedCells(trx, [a.id, b.id], g.subjectId, g.semesterId)).map((c) => [
					cellKey(c),
					c
				])
			);
			// as if another editor saved between this save's read and its write
			const stale: CellChange[] = [
				{ studentId: a.id, column: 'tx1', value: 7, state: 'value', version: 0 },
				{ studentId: b.id, column: 'tx1', value: 7, state: 'value', version: 1 },
				{ studentId: b.id, column: 'tx2', value: 7, state: 'value', version: 0 }
			];
			const attempt = writeChanges(trx, actor, scope, stale, stored, 'grades.score.save');
			await expect(attempt).rejects.toMatchObject({
				cells: [{ studentId: a.id, column: 'tx1', value: 5, version: 1 }]
			});
		});
	});
});

describe('two teachers saving the same never-saved cells at once', () => {
	it('saves one of them; the other gets a conflict, and each cell is audited once', async () => {
		const { g, teacher, book } = await setup(4);
		const pupils = book.rows.slice(0, 5);
		const cells = (v: number): CellChange[] =>
			pupils.map((r) => ({ studentId: r.id, column: 'tx1', value: v, state: 'value', version: 0 }));
		const requestIds = ['dup-a', 'dup-b'];
		try {
			const outcomes = await Promise.allSettled(
				[6, 7].map((v, i) =>
					saveCells(db, { principal: teacher, requestId: requestIds[i] }, ...ids(g), cells(v))
				)
			);
			const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
			const rejected = outcomes.filter((o) => o.status === 'rejected');
			expect(fulfilled).toHaveLength(1);
			expect(rejected).toHaveLength(1);
			expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(GradebookConflictError);
			const audit = await db
				.selectFrom('audit_log')
				.select('entity_id')
				.where('request_id', 'in', requestIds)
				.execute();
			expect(audit).toHaveLength(pupils.length);
			const stored = (
				await storedCells(
					db,
					pupils.map((r) => r.id),
					g.subjectId,
					g.semesterId
				)
			).filter((c) => c.column === 'tx1');
			expect(stored.map((c) => c.version)).toEqual(pupils.map(() => 1));
		} finally {
			// leave the demo gradebook as it was for the tests beside this one
			await db
				.deleteFrom('grade_scores')
				.where(
					'student_id',
					'in',
					pupils.map((r) => r.id)
				)
				.where('subject_id', '=', g.subjectId)
				.where('semester_id', '=', g.semesterId)
				.where('column_key', '=', 'tx1')
				.execute();
		}
	});
});
