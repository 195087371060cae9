/**
 * Spreadsheet exports: a text cell starting with = + - @ (or a tab or carriage return) would be read
 * as a formula by Excel or LibreOffice (CSV/formula injection, OWASP). Such text gets a leading
 * apostrophe, which spreadsheets show as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

export type Cell = string | number | null;

/** Text cells neutralised, numbers kept as numbers. */
export function neutraliseRow(row: Cell[]): Cell[] {
	return row.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v));
}
