import type { ChecklistStatus, PlatformStatus } from '../db/schema';
import { day, type Table, type XlsxOptions } from '../spreadsheet/write';
import type { ReportRow } from './report';

/** Column titles and value labels in the reader's language (the route passes the catalogue's). */
export interface ExportLabels {
	code: string;
	school: string;
	area: string;
	level: string;
	wave: string;
	studentsDeclared: string;
	studentsListed: string;
	classesDeclared: string;
	classesListed: string;
	/** the measured share column of a platform ("<name>: % teachers (measured)") */
	measuredOf: (platform: string) => string;
	platformsMeasuredInUse: string;
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
}

export const REPORT_XLSX: Omit<XlsxOptions, 'sheetName'> = {
	frozenColumns: 2,
	width: (i) => (i === 1 ? 42 : i < 5 ? 18 : 14)
};

export function reportTable(
	rows: ReportRow[],
	platforms: { code: string; name: string }[],
	l: ExportLabels
): Table {
	const header = [
		l.code,
		l.school,
		l.area,
		l.level,
		l.wave,
		l.studentsDeclared,
		l.studentsListed,
		l.classesDeclared,
		l.classesListed,
		...platforms.flatMap((p) => [p.name, l.measuredOf(p.name)]),
		l.platformsInUse,
		l.platformsMeasuredInUse,
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
		r.declared_student_count,
		r.student_count,
		r.declared_class_count,
		r.class_count,
		...platforms.flatMap((p) => [
			r.byCode[p.code] ? l.platformStatus(r.byCode[p.code]) : '',
			r.measuredByCode[p.code] ?? null
		]),
		r.platforms_in_use,
		r.platforms_measured_in_use,
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
		r.completed_on ? day(r.completed_on) : null
	]);
	return { header, rows: body };
}
