import { parseCellText, type Assessment } from '../schemas/grades';

/**
 * Pasting from a spreadsheet into the gradebook grid. Excel, LibreOffice and Google Sheets put a
 * copied range on the clipboard as lines (CRLF or LF) of tab-separated cells; a trailing line break
 * ends the last row, never an extra empty row.
 */
export function clipboardRows(text: string): string[][] {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
	return lines.map((line) => line.split('\t'));
}

/** A paste is a spreadsheet range (more than one cell); a single value is left to the browser. */
export const isRangePaste = (text: string) => /[\t\n\r]/.test(text.replace(/(\r?\n)+$/, ''));

export interface PastedCell {
	row: number;
	column: string;
	text: string;
	/** the error code of `parseCellText` (the server's rule), or null */
	error: string | null;
}

/**
 * Where each value of a pasted range goes: down the rows from `startRow`, across the editable
 * columns from `startColumn`; values past the last pupil or the last editable column are counted
 * in `extra` and left out. Each value is checked by the same rule as the server's.
 */
export function placePaste(
	rows: string[][],
	at: { row: number; column: string },
	grid: {
		rows: number;
		columns: string[];
		assessment: Assessment;
		editable: (c: string) => boolean;
	}
): { cells: PastedCell[]; extra: number } {
	const columns = grid.columns.filter(grid.editable);
	const first = columns.indexOf(at.column);
	const cells: PastedCell[] = [];
	let extra = 0;
	if (first < 0) return { cells, extra: rows.flat().length };
	rows.forEach((values, r) => {
		values.forEach((raw, c) => {
			const row = at.row + r;
			const column = columns[first + c];
			if (row >= grid.rows || !column) {
				extra++;
				return;
			}
			const text = raw.trim();
			const parsed = parseCellText(text, grid.assessment);
			cells.push({ row, column, text, error: parsed.ok ? null : parsed.code });
		});
	});
	return { cells, extra };
}
