import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { DomainError } from '../../errors';
import { stripControlChars } from '../../../text';

/**
 * Reading an import file: CSV (UTF-8 with or without BOM, comma, semicolon or tab) or XLSX (first
 * worksheet). Every cell comes out as NFC-normalised, trimmed text, so Vietnamese written with
 * combining marks (as some Windows and macOS tools save it) compares equal to the stored names.
 * Row numbers are those the user sees in a spreadsheet: the header is row 1.
 */
export const IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 10_000 } as const;

export interface SheetRow {
	row: number;
	cells: string[];
}
export interface ParsedSheet {
	headers: string[];
	rows: SheetRow[];
}

/** A file-level problem; `code` is a message key (roster_import_*). */
export class ImportFileError extends DomainError {}

export function cleanCell(value: string): string {
	return stripControlChars(value).normalize('NFC').replace(/\s+/g, ' ').trim();
}

function toSheet(records: { row: number; cells: string[] }[]): ParsedSheet {
	const [header, ...rest] = records;
	if (!header) throw new ImportFileError('roster_import_empty');
	const rows = rest.filter((r) => r.cells.some((c) => c !== ''));
	if (!rows.length) throw new ImportFileError('roster_import_empty');
	if (rows.length > IMPORT_LIMITS.maxRows)
		throw new ImportFileError('roster_import_too_many_rows', { max: IMPORT_LIMITS.maxRows });
	return { headers: header.cells, rows };
}

export function parseCsv(bytes: Uint8Array): ParsedSheet {
	let text: string;
	try {
		// Strict UTF-8: a file saved in a legacy code page is refused rather than garbled.
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		throw new ImportFileError('roster_import_unreadable');
	}
	const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		delimitersToGuess: [',', ';', '\t'],
		skipEmptyLines: false
	});
	if (result.errors.some((e) => e.type === 'Quotes'))
		throw new ImportFileError('roster_import_unreadable');
	return toSheet(result.data.map((cells, i) => ({ row: i + 1, cells: cells.map(cleanCell) })));
}

/** dd/mm/yyyy from a spreadsheet date (stored as a UTC midnight). */
function dateText(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return dateText(value);
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((r) => r.text).join('');
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('text' in value) return String(value.text);
		if ('error' in value) return '';
		return '';
	}
	return String(value);
}

export async function parseXlsx(bytes: Uint8Array): Promise<ParsedSheet> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(
			bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer
		);
	} catch {
		throw new ImportFileError('roster_import_unreadable');
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) throw new ImportFileError('roster_import_empty');
	const records: SheetRow[] = [];
	let width = 0;
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		if (rowNumber > IMPORT_LIMITS.maxRows + 1) return;
		const values = row.values as ExcelJS.CellValue[];
		// row.values is 1-based: index 0 is empty.
		const cells = values.slice(1).map((v) => cleanCell(cellText(v)));
		if (!records.length) width = cells.length;
		records.push({ row: rowNumber, cells });
	});
	if (sheet.actualRowCount > IMPORT_LIMITS.maxRows + 1)
		throw new ImportFileError('roster_import_too_many_rows', { max: IMPORT_LIMITS.maxRows });
	for (const r of records) while (r.cells.length < width) r.cells.push('');
	return toSheet(records);
}

/** Reads the uploaded file by its extension; size and type are checked first. */
export async function parseImportFile(name: string, bytes: Uint8Array): Promise<ParsedSheet> {
	if (bytes.length === 0) throw new ImportFileError('roster_import_no_file');
	if (bytes.length > IMPORT_LIMITS.maxBytes)
		throw new ImportFileError('roster_import_too_big', {
			max: IMPORT_LIMITS.maxBytes / 1024 / 1024
		});
	const ext = name.toLowerCase().split('.').pop();
	if (ext === 'csv' || ext === 'txt') return parseCsv(bytes);
	if (ext === 'xlsx') return parseXlsx(bytes);
	throw new ImportFileError('roster_import_bad_type');
}
