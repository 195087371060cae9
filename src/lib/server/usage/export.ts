import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { neutraliseRow, type Cell } from '../../usage/export';
import { departmentAdoption, type DepartmentFilters } from './department-figures';

/** The heat map as a table: one row per school and platform, for XLSX or CSV download. */
export interface ExportLabels {
	headers: string[];
	status: (status: string) => string;
}

export async function adoptionExportRows(
	db: DB,
	principal: Principal,
	filters: DepartmentFilters,
	labels: ExportLabels,
	locale: 'vi' | 'en',
	now = new Date()
): Promise<Cell[][]> {
	const data = await departmentAdoption(db, principal, filters, now);
	const rows: Cell[][] = [];
	for (const school of data.schools) {
		data.platforms.forEach((p, i) => {
			const c = school.cells[i];
			rows.push([
				school.code,
				school.name,
				school.area_name,
				p.code,
				locale === 'en' ? p.name_en : p.name_vi,
				labels.status(c.status),
				school.teachers,
				c.active7,
				c.active30,
				c.share30 === null ? null : Math.round(c.share30 * 10) / 10
			]);
		});
	}
	return [labels.headers, ...rows].map(neutraliseRow);
}

export function toCsv(rows: Cell[][]): string {
	// A byte-order mark so that Excel opens the UTF-8 file with its Vietnamese letters intact.
	return '\ufeff' + Papa.unparse(rows.map((r) => r.map((v) => v ?? '')));
}

export async function toXlsx(rows: Cell[][], sheetName: string): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet(sheetName.slice(0, 31));
	for (const row of rows) sheet.addRow(row);
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	sheet.columns.forEach((col, i) => {
		col.width = i === 1 || i === 4 ? 36 : 14;
	});
	return Buffer.from(await book.xlsx.writeBuffer());
}
