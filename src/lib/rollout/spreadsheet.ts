/**
 * Spreadsheet exports. A text cell starting with = + - @ (or a tab or carriage return) would be
 * read by Excel or LibreOffice as a formula ("CSV injection", OWASP): such text gets a leading
 * apostrophe. Numbers stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | boolean | null | undefined;

export function neutraliseCell<T extends Cell>(value: T): T | string {
	if (typeof value === 'string' && FORMULA_START.test(value)) return `'${value}`;
	return value;
}

function csvField(value: Cell): string {
	const v = neutraliseCell(value);
	if (v === null || v === undefined) return '';
	const s = String(v);
	return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a byte-order mark (Excel then reads Vietnamese text as UTF-8) and CRLF line ends. */
export function toCsv(header: string[], rows: Cell[][]): string {
	const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
