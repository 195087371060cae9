import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { todayIso } from '../../src/lib/dates';
import { loadCheckpoints, saveCheckpoint } from '../../src/lib/server/grades/checkpoints';
import { requireGradebook } from '../../src/lib/server/grades/queries';
import { saveCells } from '../../src/lib/server/grades/service';
import { gradebookExport } from '../../src/lib/server/grades/sheet-export';
import {
	confirmGradeImport,
	createGradeImport,
	getGradeImport,
	GradeImportConflictError,
	readGradeFile
} from '../../src/lib/server/grades/sheet-import';
import { connectTestDb, principalOf, QUANG_TRUNG } from '../helpers/context';
import { outsiderOf, scoredGradebooks, type GradebookPick } from '../helpers/grades';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The gradebook's XLSX export and import (issue 11). Every test runs in a rolled-back
 * transaction on gradebooks from the middle of the list (grades-gradebook.test.ts writes the
 * first ones, grades-checkpoints.test.ts takes the last ones).
 */
let db: DB;
let close: () => Promise<void>;
let picks: GradebookPick[];

beforeAll(async () => {
	({ db, close } = connectTestDb());
	picks = await scoredGradebooks(db, QUANG_TRUNG);
});
afterAll(() => close());

const actor = (principal: Principal) => ({ principal, requestId: 'grades-sheet-test' });
const ids = (g: GradebookPick) => ({
	classId: g.classId,
	subjectId: g.subjectId,
	semesterId: g.semesterId
});

async function setup(trx: DB, index: number) {
	const g = picks[Math.floor(picks.length / 2) + index];
	const teacher = await principalOf(trx, g.teacherEmail);
	const scope = await requireGradebook(
		trx,
		teacher,
		'teaching.enter',
		g.classId,
		g.subjectId,
		g.semesterId
	);
	return { g, teacher, scope };
}

async function exportBytes(trx: DB, teacher: Principal, g: GradebookPick) {
	const response = await gradebookExport(trx, teacher, ids(g));
	return new Uint8Array(await response.arrayBuffer());
}

/** The file edited the way a teacher edits it in Excel: `edit(sheet)` on the first sheet. */
async function edited(bytes: Uint8Array, edit: (sheet: ExcelJS.Worksheet) => void) {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes.buffer as ArrayBuffer);
	edit(book.worksheets[0]);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The column number (1-based) of a header in the first row. */
function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
	const values = sheet.getRow(1).values as unknown[];
	const index = values.findIndex((v) => v === header);
	if (index < 1) throw new Error(`no column ${header}`);
	return index;
}

async function preview(trx: DB, teacher: Principal, g: GradebookPick, bytes: Uint8Array) {
	const sheet = await readGradeFile('so-diem.xlsx', bytes);
	const id = await createGradeImport(trx, actor(teacher), ids(g), {
		fileName: 'so-diem.xlsx',
		sheet
	});
	const scope = await requireGradebook(
		trx,
		teacher,
		'teaching.enter',
		g.classId,
		g.subjectId,
		g.semesterId
	);
	return { id, preview: await getGradeImport(trx, teacher, scope, id), scope };
}

async function cellOf(trx: DB, g: GradebookPick, studentId: number, column: string) {
	return trx
		.selectFrom('grade_scores')
		.select(['value', 'state', 'version'])
		.where('student_id', '=', studentId)
		.where('subject_id', '=', g.subjectId)
		.where('semester_id', '=', g.semesterId)
		.where('column_key', '=', column as 'gk')
		.executeTakeFirst();
}

describe('gradebook export', () => {
	it('writes markers as text (never 0), scores as numbers, the result and a row version', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, scope } = await setup(trx, 0);
			const pupils = await trx
				.selectFrom('students')
				.select(['id', 'code'])
				.where('class_id', '=', g.classId)
				.where('active', '=', true)
				.orderBy('name_sort')
				.orderBy('id')
				.execute();
			await saveCells(trx, actor(teacher), g.classId, g.subjectId, g.semesterId, [
				{ studentId: pupils[0].id, column: 'tx1', value: null, state: 'absent_makeup', version: 0 },
				{ studentId: pupils[0].id, column: 'tx2', value: null, state: 'exempt', version: 0 },
				{ studentId: pupils[0].id, column: 'gk', value: 8.5, state: 'value', version: 0 }
			]);
			const bytes = await exportBytes(trx, teacher, g);
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(bytes.buffer as ArrayBuffer);
			const sheet = book.worksheets[0];
			const header = (sheet.getRow(1).values as unknown[]).slice(1);
			expect(header.slice(0, 2)).toEqual(['Mã HS', 'Họ và tên']);
			expect(header.at(-1)).toBe('Phiên bản (không sửa)');
			expect(header.length).toBe(scope.plan.regularCount + 7);
			expect(header.at(-2)).toBe('Nhận xét');
			const row = sheet.getRow(2);
			expect(row.getCell(1).value).toBe(pupils[0].code);
			expect(row.getCell(columnOf(sheet, 'TX1')).value).toBe('V');
			expect(row.getCell(columnOf(sheet, 'TX2')).value).toBe('M');
			expect(row.getCell(columnOf(sheet, 'GK')).value).toBe(8.5);
			expect(row.getCell(columnOf(sheet, 'CK')).value).toBeNull();
			expect(row.getCell(header.length).value).toBe(3);
			expect(sheet.rowCount).toBe(pupils.length + 1);
		});
	});

	it('is the gradebook’s viewers’ only: another teacher of the school gets 404', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g } = await setup(trx, 0);
			const outsider = await principalOf(trx, await outsiderOf(trx, g.classId));
			await expect(gradebookExport(trx, outsider, ids(g))).rejects.toMatchObject({ status: 404 });
			await expect(
				createGradeImport(trx, actor(outsider), ids(g), { fileName: 'x.xlsx', sheet: [] })
			).rejects.toMatchObject({ status: 404 });
		});
	});
});

describe('gradebook import', () => {
	it('an unchanged round trip shows no change and no error', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher } = await setup(trx, 1);
			const { preview: p } = await preview(trx, teacher, g, await exportBytes(trx, teacher, g));
			expect(p.errors).toEqual([]);
			expect(p.changes).toEqual([]);
			expect(p.isOpen).toBe(true);
			expect(p.rowCount).toBeGreaterThan(10);
		});
	});

	it('previews changed cells old → new, writes them all on confirm and audits each', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, scope } = await setup(trx, 2);
			const bytes = await edited(await exportBytes(trx, teacher, g), (sheet) => {
				sheet.getRow(2).getCell(columnOf(sheet, 'TX1')).value = 9.5;
				sheet.getRow(3).getCell(columnOf(sheet, 'GK')).value = 'v';
				sheet.getRow(4).getCell(columnOf(sheet, 'CK')).value = '7,5';
			});
			const { id, preview: p } = await preview(trx, teacher, g, bytes);
			expect(p.errors).toEqual([]);
			expect(p.changes.map((c) => [c.row, c.column, c.before, c.after])).toEqual([
				[2, 'tx1', null, { value: 9.5, state: 'value' }],
				[3, 'gk', null, { value: null, state: 'absent_makeup' }],
				[4, 'ck', null, { value: 7.5, state: 'value' }]
			]);
			const outcome = await confirmGradeImport(trx, actor(teacher), scope, id);
			expect(outcome).toEqual({ ok: true, saved: 3 });
			const students = await trx
				.selectFrom('students')
				.select('id')
				.where(
					'code',
					'in',
					p.changes.map((c) => c.code)
				)
				.where('class_id', '=', g.classId)
				.execute();
			const byCode = new Map(
				(
					await trx
						.selectFrom('students')
						.select(['id', 'code'])
						.where(
							'id',
							'in',
							students.map((s) => s.id)
						)
						.execute()
				).map((s) => [s.code, s.id])
			);
			expect(await cellOf(trx, g, byCode.get(p.changes[0].code)!, 'tx1')).toEqual({
				value: 9.5,
				state: 'value',
				version: 1
			});
			expect(await cellOf(trx, g, byCode.get(p.changes[1].code)!, 'gk')).toMatchObject({
				state: 'absent_makeup'
			});
			const audit = await trx
				.selectFrom('audit_log')
				.select(['action', 'entity'])
				.where('request_id', '=', 'grades-sheet-test')
				.where('actor_user_id', '=', teacher.userId)
				.execute();
			expect(audit.filter((a) => a.action === 'grades.score.save')).toHaveLength(3);
			expect(audit.filter((a) => a.action === 'grades.import.commit')).toHaveLength(1);
			// confirmed once: a second confirmation writes nothing
			expect(await confirmGradeImport(trx, actor(teacher), scope, id)).toEqual({
				ok: false,
				reason: 'closed'
			});
		});
	});

	it('comments go out and come back: previewed old → new, saved with their version, audited', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, scope } = await setup(trx, 6);
			const first = await trx
				.selectFrom('students')
				.select(['id', 'code'])
				.where('class_id', '=', g.classId)
				.where('active', '=', true)
				.orderBy('name_sort')
				.orderBy('id')
				.limit(2)
				.execute();
			// a comment saved before the export travels in the file and in the row version
			await saveCells(
				trx,
				actor(teacher),
				g.classId,
				g.subjectId,
				g.semesterId,
				[],
				[{ studentId: first[1].id, body: 'Chăm chỉ.', version: 0 }]
			);
			const exported = await exportBytes(trx, teacher, g);
			const unchanged = await preview(trx, teacher, g, exported);
			expect(unchanged.preview.errors).toEqual([]);
			expect(unchanged.preview.changes).toEqual([]);
			const file = await edited(exported, (sheet) => {
				const col = columnOf(sheet, 'Nhận xét');
				expect(sheet.getRow(3).getCell(col).value).toBe('Chăm chỉ.');
				sheet.getRow(2).getCell(col).value = 'Tiến bộ rõ ở học kì này.';
				sheet.getRow(3).getCell(col).value = 'Chăm chỉ, cần cẩn thận hơn.';
			});
			const { id, preview: p } = await preview(trx, teacher, g, file);
			expect(p.errors).toEqual([]);
			expect(p.changes.map((c) => [c.row, c.column, c.before, c.after])).toEqual([
				[2, 'comment', null, 'Tiến bộ rõ ở học kì này.'],
				[3, 'comment', 'Chăm chỉ.', 'Chăm chỉ, cần cẩn thận hơn.']
			]);
			expect(await confirmGradeImport(trx, actor(teacher), scope, id)).toMatchObject({ ok: true });
			const stored = await trx
				.selectFrom('grade_comments')
				.select(['student_id', 'body', 'version'])
				.where('student_id', 'in', [first[0].id, first[1].id])
				.where('subject_id', '=', g.subjectId)
				.where('semester_id', '=', g.semesterId)
				.orderBy('version')
				.execute();
			expect(stored.map((c) => [c.student_id, c.body, c.version])).toEqual([
				[first[0].id, 'Tiến bộ rõ ở học kì này.', 1],
				[first[1].id, 'Chăm chỉ, cần cẩn thận hơn.', 2]
			]);
			// the same file again: both rows changed since it was exported
			const again = await preview(trx, teacher, g, file);
			expect(again.preview.errors.map((e) => [e.row, e.code])).toEqual([
				[2, 'grades_sheet_row_changed'],
				[3, 'grades_sheet_row_changed']
			]);
		});
	});

	it('a comment of 100,000 characters is an error at its cell, and nothing is previewed', async () => {
		// (control characters cannot reach here through XLSX: the file's XML cannot carry them; the
		// rule itself is unit tested in grades-sheet.test.ts)
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher } = await setup(trx, 6);
			const file = await edited(await exportBytes(trx, teacher, g), (sheet) => {
				const col = columnOf(sheet, 'Nhận xét');
				sheet.getRow(2).getCell(col).value = 'Tốt.';
				sheet.getRow(4).getCell(col).value = 'x'.repeat(100_000);
			});
			const { preview: p } = await preview(trx, teacher, g, file);
			expect(p.errors.map((e) => [e.row, e.column, e.code])).toEqual([
				[4, 'Nhận xét', 'grades_v_comment_long']
			]);
		});
	});

	it('one bad cell: the error at its row and column, and nothing written', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, scope } = await setup(trx, 3);
			const bytes = await edited(await exportBytes(trx, teacher, g), (sheet) => {
				sheet.getRow(2).getCell(columnOf(sheet, 'TX1')).value = 9;
				sheet.getRow(5).getCell(columnOf(sheet, 'GK')).value = 10.5;
			});
			const { id, preview: p } = await preview(trx, teacher, g, bytes);
			expect(p.errors).toEqual([{ row: 5, column: 'GK', code: 'grades_v_out_of_range' }]);
			expect(await confirmGradeImport(trx, actor(teacher), scope, id)).toEqual({
				ok: false,
				reason: 'errors'
			});
			const written = await trx
				.selectFrom('grade_scores')
				.select('id')
				.where('class_id', '=', g.classId)
				.where('subject_id', '=', g.subjectId)
				.where('semester_id', '=', g.semesterId)
				.where('updated_by', '=', teacher.userId)
				.execute();
			expect(written).toEqual([]);
		});
	});

	it('a row saved since the export: refused at the preview, or at the confirmation, nothing written', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, scope } = await setup(trx, 4);
			const exported = await exportBytes(trx, teacher, g);
			const pupil = await trx
				.selectFrom('students')
				.select(['id', 'code'])
				.where('class_id', '=', g.classId)
				.where('active', '=', true)
				.orderBy('name_sort')
				.orderBy('id')
				.executeTakeFirstOrThrow();
			const file = await edited(exported, (sheet) => {
				sheet.getRow(2).getCell(columnOf(sheet, 'TX1')).value = 4;
			});
			// Confirmation after a concurrent save: 409-like conflict naming the row.
			const first = await preview(trx, teacher, g, file);
			expect(first.preview.errors).toEqual([]);
			await saveCells(trx, actor(teacher), g.classId, g.subjectId, g.semesterId, [
				{ studentId: pupil.id, column: 'ck', value: 6, state: 'value', version: 0 }
			]);
			const error = await confirmGradeImport(trx, actor(teacher), scope, first.id).catch((e) => e);
			expect(error).toBeInstanceOf(GradeImportConflictError);
			expect(error.rows).toEqual([2]);
			expect(await cellOf(trx, g, pupil.id, 'tx1')).toBeUndefined();
			// The same stale file uploaded again: the row is an error in the preview.
			const second = await preview(trx, teacher, g, file);
			expect(second.preview.errors).toEqual([
				{ row: 2, column: '', code: 'grades_sheet_row_changed' }
			]);
		});
	});

	it('a locked column is refused at the cell; unknown pupils are listed', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher, scope } = await setup(trx, 5);
			// The semester II mid-term checkpoint (the GK column) locked today, as the admin does it.
			const admin = await principalOf(trx, 'quangtrung.admin@demo.example');
			const { checkpoints } = await loadCheckpoints(trx, scope.schoolId);
			await saveCheckpoint(trx, actor(admin), scope.schoolId, {
				checkpoint: 'mid2',
				opensOn: null,
				closesOn: null,
				locksOn: todayIso(),
				version: checkpoints.find((c) => c.checkpoint === 'mid2')!.version
			});
			const bytes = await edited(await exportBytes(trx, teacher, g), (sheet) => {
				sheet.getRow(2).getCell(columnOf(sheet, 'GK')).value = 7;
				sheet.getRow(3).getCell(1).value = 'KHONG-CO-9999';
			});
			const { preview: p } = await preview(trx, teacher, g, bytes);
			expect(p.errors).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ row: 2, column: 'GK', code: 'grades_locked' }),
					{
						row: 3,
						column: '',
						code: 'grades_sheet_unknown_pupil',
						params: { code: 'KHONG-CO-9999' }
					}
				])
			);
		});
	});

	it('hostile cells (NUL, 100k characters, huge numbers, formula text) are clear cell errors', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const { g, teacher } = await setup(trx, 6);
			const bytes = await edited(await exportBytes(trx, teacher, g), (sheet) => {
				const tx1 = columnOf(sheet, 'TX1');
				sheet.getRow(2).getCell(tx1).value = '8\u00005';
				sheet.getRow(3).getCell(tx1).value = 'x'.repeat(100_000);
				sheet.getRow(4).getCell(tx1).value = 1e308;
				sheet.getRow(5).getCell(tx1).value = '=HYPERLINK("http://evil.example","9")';
				sheet.getRow(6).getCell(tx1).value = '-1';
				sheet.getRow(7).getCell(sheet.getRow(1).cellCount).value = 'abc';
			});
			const { preview: p } = await preview(trx, teacher, g, bytes);
			const byRow = Object.fromEntries(p.errors.map((e) => [e.row, e.code]));
			expect(byRow).toEqual({
				2: 'grades_v_out_of_range',
				3: 'grades_v_not_a_number',
				4: 'grades_v_not_a_number',
				5: 'grades_v_not_a_number',
				6: 'grades_v_out_of_range',
				7: 'grades_sheet_bad_version'
			});
			expect(p.changes).toEqual([]);
		});
	});
});
