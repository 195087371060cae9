import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { IMPORT_COLUMNS, type ImportKind } from '../../../roster/import-columns';

/**
 * Downloadable templates: the Vietnamese headers and one example row. The CSV starts with a BOM so
 * that Excel opens it as UTF-8; in the XLSX every column is text, so codes and phone numbers keep
 * their leading zeros.
 */
export function templateCsv(kind: ImportKind): Uint8Array {
	const columns = IMPORT_COLUMNS[kind];
	const csv = Papa.unparse([columns.map((c) => c.vi), columns.map((c) => c.example)], {
		newline: '\r\n'
	});
	return new TextEncoder().encode(`\uFEFF${csv}\r\n`);
}

export async function templateXlsx(kind: ImportKind, sheetName: string): Promise<Uint8Array> {
	const columns = IMPORT_COLUMNS[kind];
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Trường Số';
	const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
	sheet.columns = columns.map((c) => ({
		header: c.vi,
		key: c.field,
		width: Math.max(14, c.vi.length + 4, c.example.length + 2),
		style: { numFmt: '@' }
	}));
	sheet.getRow(1).font = { bold: true };
	sheet.addRow(Object.fromEntries(columns.map((c) => [c.field, c.example])));
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const TEMPLATE_TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;
