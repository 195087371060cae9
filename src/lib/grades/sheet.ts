import {
	parseCellText,
	parseCommentText,
	type Assessment,
	type CellInput
} from '$lib/schemas/grades';

/**
 * The gradebook as a spreadsheet (issue 11: XLSX export and import). The export writes one row per
 * pupil: code, name, one column per plan column (TX1..n, GK, CK), the computed result (read-only)
 * and the row's version. The import reads the same layout back: the header names the columns (in
 * Vietnamese or English, in any order), each grade cell is read with the gradebook form's own rule
 * (`parseCellText`: a score, V, M, Đ/CĐ or empty), the result and name columns are ignored.
 *
 * A row's version is the sum of its stored cells' versions and its comment's: every save of a cell
 * or comment adds one to its version (a new one starts at 1), so any change to the row since the
 * export makes the sum grow and the import refuses the row's file values as stale.
 *
 * The comment column (nhận xét) is read with the grid's own rule (`parseCommentText`); a file
 * without it leaves the comments as they are.
 */
export type SheetRole = 'code' | 'name' | 'result' | 'version' | 'comment' | 'column';

const ROLE_ALIASES: Record<Exclude<SheetRole, 'column'>, string[]> = {
	code: ['mã hs', 'mã học sinh', 'ma hs', 'pupil code', 'code'],
	name: ['họ và tên', 'họ tên', 'name', 'full name'],
	result: ['kết quả (chỉ đọc)', 'result (read-only)', 'đtb (chỉ đọc)', 'average (read-only)'],
	version: ['phiên bản (không sửa)', 'version (do not edit)', 'phiên bản', 'version'],
	comment: ['nhận xét', 'comment', 'comments']
};

/** 'TX1'..'TX9', 'GK'/'Mid', 'CK'/'End' as the column keys tx1..tx9, gk, ck; null otherwise. */
export function columnOfHeader(text: string): string | null {
	const t = text.normalize('NFC').trim().toLowerCase();
	const tx = /^tx\s*([1-9])$/.exec(t);
	if (tx) return `tx${tx[1]}`;
	if (t === 'gk' || t === 'mid') return 'gk';
	if (t === 'ck' || t === 'end') return 'ck';
	return null;
}

export function roleOfHeader(text: string): { role: SheetRole; column?: string } | null {
	const column = columnOfHeader(text);
	if (column) return { role: 'column', column };
	const t = text.normalize('NFC').trim().toLowerCase();
	for (const [role, aliases] of Object.entries(ROLE_ALIASES)) {
		if (aliases.includes(t)) return { role: role as SheetRole };
	}
	return null;
}

/** A problem at one cell of the file: its row as the user sees it, the column header, a code. */
export interface SheetCellError {
	row: number;
	column: string;
	code: string;
	params?: Record<string, string | number>;
}

export interface SheetGradeRow {
	row: number;
	code: string;
	version: number;
	cells: Record<string, CellInput>;
	/** the comment as the file has it (normalised), when the file has the column */
	comment?: string;
}

export interface ReadGradeSheet {
	rows: SheetGradeRow[];
	errors: SheetCellError[];
}

const VERSION = /^\d{1,9}$/;
/** A pupil code as the roster stores it: short, printable. */
const MAX_CODE = 40;

interface Layout {
	code: number;
	version: number;
	comment: number;
	columns: Array<{ index: number; column: string; header: string }>;
}

/** Where each column of the header is, or the header's problems (row 1). */
function layoutOf(header: string[], planColumns: string[]): Layout | SheetCellError[] {
	const errors: SheetCellError[] = [];
	let code = -1;
	let version = -1;
	let comment = -1;
	const columns: Layout['columns'] = [];
	const seen = new Set<string>();
	header.forEach((text, index) => {
		const found = roleOfHeader(text);
		if (!found) return;
		const key = found.role === 'column' ? found.column! : found.role;
		if (seen.has(key)) {
			errors.push({ row: 1, column: text, code: 'grades_sheet_duplicate_column' });
			return;
		}
		seen.add(key);
		if (found.role === 'code') code = index;
		else if (found.role === 'version') version = index;
		else if (found.role === 'comment') comment = index;
		else if (found.role === 'column') {
			if (!planColumns.includes(found.column!))
				errors.push({ row: 1, column: text, code: 'grades_v_not_in_plan' });
			else columns.push({ index, column: found.column!, header: text });
		}
	});
	if (code < 0) errors.push({ row: 1, column: '', code: 'grades_sheet_no_code_column' });
	if (version < 0) errors.push({ row: 1, column: '', code: 'grades_sheet_no_version_column' });
	if (errors.length) return errors;
	return { code, version, comment, columns };
}

/**
 * Reads the rows of a gradebook file (header first, as `readSheet` gives them) for a plan with
 * `planColumns` and `assessment`. Every cell is checked; the rows come back with the cells they
 * carry (a column absent from the file is left out, so it is not changed), and every problem with
 * its row and column.
 */
export function readGradeSheet(
	sheet: Array<{ row: number; cells: string[] }>,
	planColumns: string[],
	assessment: Assessment
): ReadGradeSheet {
	const [header, ...data] = sheet;
	if (!header) return { rows: [], errors: [{ row: 1, column: '', code: 'spreadsheet_empty' }] };
	const layout = layoutOf(header.cells, planColumns);
	if (Array.isArray(layout)) return { rows: [], errors: layout };
	const errors: SheetCellError[] = [];
	const rows: SheetGradeRow[] = [];
	const codes = new Set<string>();
	const codeHeader = header.cells[layout.code];
	const versionHeader = header.cells[layout.version];
	for (const line of data) {
		const at = (i: number) => line.cells[i] ?? '';
		const rowErrors: SheetCellError[] = [];
		const code = at(layout.code);
		if (!code || code.length > MAX_CODE)
			rowErrors.push({ row: line.row, column: codeHeader, code: 'grades_sheet_bad_code' });
		else if (codes.has(code))
			rowErrors.push({ row: line.row, column: codeHeader, code: 'grades_sheet_duplicate_pupil' });
		codes.add(code);
		const versionText = at(layout.version);
		if (!VERSION.test(versionText))
			rowErrors.push({ row: line.row, column: versionHeader, code: 'grades_sheet_bad_version' });
		const cells: Record<string, CellInput> = {};
		for (const c of layout.columns) {
			const parsed = parseCellText(at(c.index), assessment);
			if (parsed.ok) cells[c.column] = parsed.cell;
			else rowErrors.push({ row: line.row, column: c.header, code: parsed.code });
		}
		let comment: string | undefined;
		if (layout.comment >= 0) {
			const parsed = parseCommentText(at(layout.comment));
			if (parsed.ok) comment = parsed.body;
			else
				rowErrors.push({
					row: line.row,
					column: header.cells[layout.comment],
					code: parsed.code,
					params: { max: parsed.max }
				});
		}
		errors.push(...rowErrors);
		if (!rowErrors.length)
			rows.push({
				row: line.row,
				code,
				version: Number(versionText),
				cells,
				...(comment === undefined ? {} : { comment })
			});
	}
	return { rows, errors };
}

/**
 * A row's version: the sum of its stored cells' versions and its comment's (0 for a row without
 * any cell or comment).
 */
export function rowVersion(cells: Iterable<{ version: number }>, commentVersion = 0): number {
	let sum = commentVersion;
	for (const c of cells) sum += c.version;
	return sum;
}
