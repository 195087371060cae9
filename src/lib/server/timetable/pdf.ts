import type { Kysely } from 'kysely';
import * as m from '../../paraglide/messages';
import { formatDate, todayIso } from '../../dates';
import { cellSubject } from '../../i18n/timetable';
import { periodLabels } from '../../timetable/bells';
import { weekGridRows } from '../../timetable/week-grid';
import type { Database } from '../db/schema';
import { renderPdf } from '../pdf';
import { bellsOfVersion } from './bells';
import { gridCells } from './views';

type Db = Kysely<Database>;

/**
 * A class's or a teacher's week of a version as an A4 landscape PDF (title: "Thời khóa biểu lớp
 * 8A", also the PDF's metadata title). Null when the class or teacher has no period in it. The
 * caller has checked that the version may be seen.
 */
export async function timetablePdf(
	db: Db,
	school: { name: string },
	version: { id: number; days: number; periodsPerDay: number; effectiveFrom: string | null },
	filter: { class?: number; teacher?: number },
	today = todayIso()
): Promise<{ bytes: Uint8Array; title: string } | null> {
	const byTeacher = filter.teacher !== undefined;
	if (!byTeacher && filter.class === undefined) return null;
	const cells = await gridCells(
		db,
		[version.id],
		byTeacher ? { staffIds: [filter.teacher!] } : { classIds: [filter.class!] }
	);
	if (!cells.length) return null;
	const times = periodLabels(await bellsOfVersion(db, version.id), version.periodsPerDay);
	const name = byTeacher ? cells[0].teacherName : cells[0].className;
	const title = byTeacher
		? m.timetable_pdf_teacher_title({ name })
		: m.timetable_pdf_class_title({ className: name });
	const bytes = await renderPdf({
		title,
		landscape: true,
		header: [school.name],
		footer: formatDate(today),
		blocks: [
			{
				kind: 'text',
				text: version.effectiveFrom
					? m.timetable_pdf_effective({ date: formatDate(version.effectiveFrom) })
					: m.timetable_version_title({ id: version.id })
			},
			{
				kind: 'table',
				columns: [
					{ header: m.timetable_period(), width: 0.8, align: 'center' },
					...Array.from({ length: version.days }, (_, d) => ({
						header: m.timetable_day({ day: d + 2 }),
						width: 2
					}))
				],
				rows: weekGridRows(
					cells.map((c) => ({
						day: c.day,
						period: c.period,
						subject: cellSubject(c),
						detail: byTeacher ? c.className : c.teacherName
					})),
					version.days,
					version.periodsPerDay,
					times
				)
			}
		]
	});
	return { bytes, title };
}
