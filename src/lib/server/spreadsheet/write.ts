import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { formatDate } from '../../dates';
import { neutraliseText } from './neutralise';

/**
 * Writing exports and templates. One table shape for both formats; text is neutralised
 * (neutralise.ts). A calendar day is written as `day('2026-11-27')`: a real date cell in XLSX
 * (shown dd/mm/yyyy), dd/mm/yyyy text in CSV.
 *
 * CSV is written for Vietnamese Excel, whose regional settings use ';' between fields and ','
 * before decimals: separator ';', decimal comma, UTF-8 with a byte-order mark, CRLF. There is no
 * `sep=;` first line on purpose: with one, Excel ignores the byte-order mark and garbles
 * Vietnamese letters. Our own importers read these files back (they accept ';' and ',').
 */
export interface Day {
	day: string;
}
export type CellValue = string | number | boolean | Day | null | undefined;

export interface Table {
	header: string[];
	rows: CellValue[][];
}

export const CSV_SEPARATOR = ';';

export const SHEET_TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

export function day(iso: string): Day {
	return { day: iso };
}

const isDay = (v: CellValue): v is Day => typeof v === 'object' && v !== null && 'day' in v;

function csvText(value: CellValue): string {
	if (value === null || value === undefined) return '';
	if (isDay(value)) return formatDate(value.day);
	if (typeof value === 'number') return String(value).replace('.', ',');
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	return neutraliseText(value);
}

export function toCsv(table: Table): string {
	const body = Papa.unparse(
		[table.header, ...table.rows].map((r) => r.map(csvText)),
		{
			delimiter: CSV_SEPARATOR,
			newline: '\r\n',
			escapeFormulae: false
		}
	);
	return `\uFEFF${body}\r\n`;
}

function xlsxValue(value: CellValue): ExcelJS.CellValue {
	if (value === null || value === undefined) return null;
	if (isDay(value)) {
		const [y, m, d] = value.day.split('-').map(Number);
		return new Date(Date.UTC(y, m - 1, d));
	}
	return typeof value === 'string' ? neutraliseText(value) : value;
}

export interface XlsxOptions {
	sheetName: string;
	/** width of each column, by index */
	width?: (column: number) => number;
	/** columns kept on screen when scrolling right */
	frozenColumns?: number;
	/** every column formatted as text (templates: codes and phones keep their leading zeros) */
	allText?: boolean;
	/** a second sheet of plain lines: what the export covers and how to read it */
	notes?: { sheetName: string; lines: string[] };
}

export async function toXlsx(table: Table, options: XlsxOptions): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Trường Số';
	const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31), {
		views: [{ state: 'frozen', xSplit: options.frozenColumns ?? 0, ySplit: 1 }]
	});
	sheet.addRow(table.header.map(neutraliseText)).font = { bold: true };
	for (const row of table.rows) {
		const added = sheet.addRow(row.map(xlsxValue));
		row.forEach((v, i) => {
			if (isDay(v)) added.getCell(i + 1).numFmt = 'dd/mm/yyyy';
		});
	}
	table.header.forEach((_, i) => {
		const column = sheet.getColumn(i + 1);
		column.width = options.width?.(i) ?? 14;
		if (options.allText) column.numFmt = '@';
	});
	if (options.notes) {
		const notes = workbook.addWorksheet(options.notes.sheetName.slice(0, 31));
		for (const line of options.notes.lines) notes.addRow([neutraliseText(line)]);
		notes.getColumn(1).width = 120;
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A download of the table: `fileName` without extension; CSV or XLSX by `format`. */
export async function sheetResponse(
	table: Table,
	format: 'csv' | 'xlsx',
	options: XlsxOptions & { fileName: string }
): Promise<Response> {
	const body =
		format === 'csv' ? new TextEncoder().encode(toCsv(table)) : await toXlsx(table, options);
	return new Response(body as BodyInit, {
		headers: {
			'content-type': SHEET_TYPES[format],
			'content-disposition': `attachment; filename="${options.fileName}.${format}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
