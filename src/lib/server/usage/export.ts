import type { DB } from '../db';
import type { Principal } from '../auth/session';
import type { Table, XlsxOptions } from '../spreadsheet/write';
import { departmentAdoption, type DepartmentFilters } from './department-figures';

/** The heat map as a table: one row per school and platform, for XLSX or CSV download. */
export interface ExportLabels {
	headers: string[];
	status: (status: string) => string;
}

export const ADOPTION_XLSX: Omit<XlsxOptions, 'sheetName'> = {
	width: (i) => (i === 1 || i === 4 ? 36 : 14)
};

export async function adoptionExportTable(
	db: DB,
	principal: Principal,
	filters: DepartmentFilters,
	labels: ExportLabels,
	locale: 'vi' | 'en',
	now = new Date()
): Promise<Table> {
	const data = await departmentAdoption(db, principal, filters, now);
	const rows: Table['rows'] = [];
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
	return { header: labels.headers, rows };
}
