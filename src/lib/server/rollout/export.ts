import ExcelJS from 'exceljs';
import type { ChecklistStatus, PlatformStatus } from '../db/schema';
import { neutraliseCell, toCsv, type Cell } from '../../rollout/spreadsheet';
import type { ReportRow } from './report';

/** Column titles and value labels in the reader's language (the route passes the catalogue's). */
export interface ExportLabels {
	code: string;
	school: string;
	area: string;
	level: string;
	wave: string;
	platformsInUse: string;
	platformsTotal: string;
	checklistStatus: string;
	checklistDone: string;
	checklistTotal: string;
	checklistPercent: string;
	teachingScore: string;
	teachingLevel: string;
	managementScore: string;
	managementLevel: string;
	atRisk: string;
	completedOn: string;
	yes: string;
	no: string;
	schoolLevel: (level: string) => string;
	platformStatus: (status: PlatformStatus) => string;
	checklistStatusLabel: (status: ChecklistStatus) => string;
	date: (iso: string) => string;
}

export function reportTable(
	rows: ReportRow[],
	platforms: { code: string; name: string }[],
	l: ExportLabels
): { header: string[]; rows: Cell[][] } {
	const header = [
		l.code,
		l.school,
		l.area,
		l.level,
		l.wave,
		...platforms.map((p) => p.name),
		l.platformsInUse,
		l.platformsTotal,
		l.checklistStatus,
		l.checklistDone,
		l.checklistTotal,
		l.checklistPercent,
		l.teachingScore,
		l.teachingLevel,
		l.managementScore,
		l.managementLevel,
		l.atRisk,
		l.completedOn
	];
	const body = rows.map((r) => [
		r.code,
		r.name,
		r.area_name,
		l.schoolLevel(r.level),
		r.wave_name ?? '',
		...platforms.map((p) => (r.byCode[p.code] ? l.platformStatus(r.byCode[p.code]) : '')),
		r.platforms_in_use,
		r.platforms_total,
		r.checklist_status ? l.checklistStatusLabel(r.checklist_status) : '',
		r.checklist_done,
		r.checklist_total,
		Number(r.checklist_percent),
		r.teaching_score === null ? null : Number(r.teaching_score),
		r.teaching_level,
		r.management_score === null ? null : Number(r.management_score),
		r.management_level,
		r.atRisk ? l.yes : l.no,
		r.completed_on ? l.date(r.completed_on) : ''
	]);
	return { header, rows: body };
}

export function reportCsv(table: { header: string[]; rows: Cell[][] }): string {
	return toCsv(table.header, table.rows);
}

/** An XLSX workbook of the table; text cells are neutralised like the CSV's. */
export async function reportXlsx(
	table: { header: string[]; rows: Cell[][] },
	sheetName: string
): Promise<ArrayBuffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Trường Số';
	const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
		views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }]
	});
	sheet.addRow(table.header.map((h) => neutraliseCell(h)));
	sheet.getRow(1).font = { bold: true };
	for (const row of table.rows) sheet.addRow(row.map((c) => neutraliseCell(c ?? null)));
	sheet.columns.forEach((col, i) => {
		col.width = i === 1 ? 42 : i < 5 ? 18 : 14;
	});
	return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
