import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { rowVersion } from '$lib/grades/sheet';
import { cellText } from '$lib/schemas/grades';
import type { Principal } from '../auth/session';
import type { DB } from '../db';
import { sheetResponse, type CellValue, type Table } from '../spreadsheet/write';
import { loadGradebook, type Gradebook, type GradebookRow } from './gradebook';

/**
 * The gradebook as an XLSX download (GET …/export): code, name, TX1..n, GK, CK as in the grid
 * (scores as numbers; V, M, Đ, CĐ as their markers, never 0), the computed result (read-only:
 * the import ignores it), the comment (nhận xét) and the row's version, which the import compares
 * with the stored row.
 * Written through the spreadsheet module (formula text neutralised there).
 */
export function columnHeader(column: string): string {
	if (column === 'gk') return m.grades_column_gk();
	if (column === 'ck') return m.grades_column_ck();
	return m.grades_column_tx({ n: column.slice(2) });
}

function resultCell(book: Gradebook, row: GradebookRow): CellValue {
	const r = row.result;
	if (r.status === 'exempt') return 'M';
	if (r.status !== 'ok') return null;
	if (book.plan.assessment === 'comment') return r.passed ? 'Đ' : 'CĐ';
	return r.average;
}

function gradeCell(cell: GradebookRow['cells'][string] | undefined): CellValue {
	if (!cell) return null;
	if (cell.state === 'value') return cell.value;
	return cellText(cell);
}

export function gradebookTable(book: Gradebook): Table {
	return {
		header: [
			m.grades_sheet_code(),
			m.grades_sheet_name(),
			...book.columns.map(columnHeader),
			m.grades_sheet_result(),
			m.grades_comment(),
			m.grades_sheet_version()
		],
		rows: book.rows.map((row) => [
			row.code,
			row.fullName,
			...book.columns.map((c) => gradeCell(row.cells[c])),
			resultCell(book, row),
			row.comment.body || null,
			rowVersion(Object.values(row.cells), row.comment.version)
		])
	};
}

/** The download of a gradebook the principal may view ('teaching.view'; 404 otherwise). */
export async function gradebookExport(
	db: DB,
	principal: Principal,
	ids: { classId: number; subjectId: number; semesterId: number }
): Promise<Response> {
	const book = await loadGradebook(db, principal, ids.classId, ids.subjectId, ids.semesterId);
	const subject = getLocale() === 'en' ? book.subjectEn : book.subjectVi;
	const columns = book.columns.length;
	return sheetResponse(gradebookTable(book), 'xlsx', {
		fileName: `so-diem-${book.classId}-${book.subjectId}-hk${book.semesterNumber}`,
		sheetName: m.grades_sheet_sheet(),
		frozenColumns: 2,
		width: (i) =>
			i === 1 ? 28 : i === 0 ? 14 : i === columns + 3 ? 48 : i === columns + 4 ? 20 : 10,
		notes: {
			sheetName: m.grades_sheet_notes_sheet(),
			lines: [
				m.grades_book_title({ subject, className: book.className }),
				m.grades_book_subtitle({
					school: book.schoolName,
					year: book.schoolYear,
					semester: String(book.semesterNumber)
				}),
				book.plan.assessment === 'score' ? m.grades_legend_scored() : m.grades_legend_comment(),
				m.grades_sheet_note_result(),
				m.grades_sheet_note_version()
			]
		}
	});
}
