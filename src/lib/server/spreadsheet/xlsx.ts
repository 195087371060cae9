import { listZipEntries, type ZipEntry } from '../../zip';
import { SpreadsheetError } from './errors';
import type { InflateBudget } from './inflate';
import { cleanCell, type SheetLimits, type SheetRow } from './limits';
import { readXmlEntry } from './xml';

/**
 * Reading the first worksheet of an XLSX file without inflating it whole: the zip's central
 * directory is checked first (declared sizes), then each part is inflated under a byte budget and
 * parsed as it streams; rows and cells are counted on the way. Cells come out as text: dates as
 * dd/mm/yyyy (with HH:MM[:SS] when they carry a time), numbers as JavaScript writes them.
 */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function part(entries: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
	return entries.get(name.replace(/^\//, ''));
}

/** The first sheet's part name and whether the workbook counts days from 1904. */
function firstSheet(bytes: Uint8Array, entries: Map<string, ZipEntry>, budget: InflateBudget) {
	const workbook = part(entries, 'xl/workbook.xml');
	const rels = part(entries, 'xl/_rels/workbook.xml.rels');
	if (!workbook || !rels) throw new SpreadsheetError('unreadable');
	let relId: string | undefined;
	let date1904 = false;
	readXmlEntry(bytes, workbook, budget, {
		open(name, a) {
			if (name === 'sheet' && relId === undefined) relId = a['r:id'] ?? a.id;
			if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
		}
	});
	let target: string | undefined;
	readXmlEntry(bytes, rels, budget, {
		open(name, a) {
			if (name === 'Relationship' && a.Id === relId) target = a.Target;
		}
	});
	if (!target) throw new SpreadsheetError('empty');
	const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	return { sheet: part(entries, path), date1904 };
}

function isDateFormat(code: string): boolean {
	const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
	return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare);
}

/** For each cell style (the `s` attribute), whether it shows a date. */
function dateStyles(bytes: Uint8Array, styles: ZipEntry | undefined, budget: InflateBudget) {
	const custom = new Map<number, string>();
	const result: boolean[] = [];
	if (!styles) return result;
	let inCellXfs = false;
	readXmlEntry(bytes, styles, budget, {
		open(name, a) {
			if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
			if (name === 'cellXfs') inCellXfs = true;
			if (name === 'xf' && inCellXfs) {
				const id = Number(a.numFmtId ?? 0);
				result.push(BUILTIN_DATE_FORMATS.has(id) || isDateFormat(custom.get(id) ?? ''));
			}
		},
		close(name) {
			if (name === 'cellXfs') inCellXfs = false;
		}
	});
	return result;
}

/** Shared strings, rich-text runs joined, phonetic guides (rPh) left out. */
function sharedStrings(bytes: Uint8Array, entry: ZipEntry | undefined, budget: InflateBudget) {
	const strings: string[] = [];
	if (!entry) return strings;
	let current: string | null = null;
	let inText = false;
	let inPhonetic = false;
	readXmlEntry(bytes, entry, budget, {
		open(name) {
			if (name === 'si') current = '';
			else if (name === 'rPh') inPhonetic = true;
			else if (name === 't') inText = !inPhonetic;
		},
		close(name) {
			if (name === 'si') strings.push(current ?? '');
			else if (name === 'rPh') inPhonetic = false;
			else if (name === 't') inText = false;
		},
		text(t) {
			if (inText && current !== null) current += t;
		}
	});
	return strings;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date serial (days since 30/12/1899, or 1/1/1904) as the wall-clock text it shows. */
export function serialDateText(serial: number, date1904 = false): string {
	const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
	const d = new Date(base + Math.round(serial * 86_400) * 1000);
	const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
	const [h, mi, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
	if (!h && !mi && !s) return day;
	return `${day} ${pad(h)}:${pad(mi)}${s ? `:${pad(s)}` : ''}`;
}

function columnIndex(ref: string | undefined): number | null {
	const letters = ref ? /^[A-Z]+/i.exec(ref)?.[0] : undefined;
	if (!letters) return null;
	let n = 0;
	for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
	return n - 1;
}

export function parseXlsx(bytes: Uint8Array, limits: SheetLimits): SheetRow[] {
	let list: ZipEntry[];
	try {
		list = listZipEntries(bytes);
	} catch {
		throw new SpreadsheetError('unreadable');
	}
	const entries = new Map(list.map((e) => [e.name, e]));
	const tooMuch = () =>
		new SpreadsheetError('inflates_too_much', { max: limits.maxInflatedBytes / 1024 / 1024 });
	// Declared sizes first: an honest bomb is refused before a byte is inflated.
	if (list.reduce((sum, e) => sum + e.size, 0) > limits.maxInflatedBytes) throw tooMuch();
	const budget: InflateBudget = { left: limits.maxInflatedBytes, max: limits.maxInflatedBytes };
	const { sheet, date1904 } = firstSheet(bytes, entries, budget);
	if (!sheet) throw new SpreadsheetError('empty');
	const isDate = dateStyles(bytes, part(entries, 'xl/styles.xml'), budget);
	const strings = sharedStrings(bytes, part(entries, 'xl/sharedStrings.xml'), budget);
	return readSheetXml(bytes, sheet, budget, limits, (cell) => {
		switch (cell.type) {
			case 's':
				return strings[Number(cell.value)] ?? '';
			case 'inlineStr':
				return cell.inline;
			case 'str':
			case 'd':
				return cell.value;
			case 'b':
				return cell.value === '1' ? 'TRUE' : 'FALSE';
			case 'e':
				return '';
			default: {
				if (cell.value === '') return '';
				const n = Number(cell.value);
				if (Number.isNaN(n)) return cell.value;
				return isDate[cell.style] ? serialDateText(n, date1904) : String(n);
			}
		}
	});
}

interface RawCell {
	type: string;
	style: number;
	value: string;
	inline: string;
}

function readSheetXml(
	bytes: Uint8Array,
	sheet: ZipEntry,
	budget: InflateBudget,
	limits: SheetLimits,
	textOf: (cell: RawCell) => string
): SheetRow[] {
	const rows: SheetRow[] = [];
	let rowNumber = 0;
	let cells: string[] = [];
	let column = -1;
	let cellCount = 0;
	let cell: RawCell | null = null;
	let into: 'value' | 'inline' | null = null;
	readXmlEntry(bytes, sheet, budget, {
		open(name, a) {
			if (name === 'row') {
				rowNumber = Number(a.r) || rowNumber + 1;
				cells = [];
				column = -1;
			} else if (name === 'c') {
				if (++cellCount > limits.maxCells)
					throw new SpreadsheetError('too_many_cells', { max: limits.maxCells });
				column = columnIndex(a.r) ?? column + 1;
				if (column >= limits.maxColumns)
					throw new SpreadsheetError('too_many_cells', { max: limits.maxCells });
				cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), value: '', inline: '' };
			} else if (name === 'v') into = 'value';
			else if (name === 't' && cell?.type === 'inlineStr') into = 'inline';
			else if (name === 'rPh') into = null;
		},
		close(name) {
			if (name === 'v' || name === 't') into = null;
			else if (name === 'c' && cell) {
				while (cells.length < column) cells.push('');
				cells[column] = cleanCell(textOf(cell));
				cell = null;
			} else if (name === 'row' && cells.some((c) => c !== '')) {
				if (rows.length > limits.maxRows)
					throw new SpreadsheetError('too_many_rows', { max: limits.maxRows });
				rows.push({ row: rowNumber, cells });
			}
		},
		text(t) {
			if (cell && into) cell[into] += t;
		}
	});
	const width = rows[0]?.cells.length ?? 0;
	for (const r of rows) while (r.cells.length < width) r.cells.push('');
	return rows;
}
