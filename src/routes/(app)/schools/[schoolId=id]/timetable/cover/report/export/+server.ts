import * as m from '$lib/paraglide/messages';
import { todayIso } from '$lib/dates';
import { monthSchema } from '$lib/schemas/timetable';
import { exportFormatSchema } from '$lib/schemas/usage';
import { requestContext, schoolScope } from '$lib/server/action';
import { sheetResponse } from '$lib/server/spreadsheet/write';
import { coverReport } from '$lib/server/timetable/cover';
import type { RequestHandler } from './$types';

/** The month's cover report as XLSX or CSV (`?month=yyyy-mm&format=xlsx|csv`), the school's admin only. */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const { school } = await schoolScope('timetable.manage')(ctx);
	const month =
		monthSchema.catch(undefined).parse(event.url.searchParams.get('month') ?? undefined) ??
		todayIso().slice(0, 7);
	const format = exportFormatSchema.parse(event.url.searchParams.get('format'));
	const rows = await coverReport(ctx.db, school.id, month);
	return sheetResponse(
		{
			header: [
				m.timetable_report_code(),
				m.timetable_col_teacher(),
				m.timetable_report_given(),
				m.timetable_report_covered(),
				m.timetable_report_absences()
			],
			rows: rows.map((r) => [r.code, r.name, r.given, r.covered, r.absences])
		},
		format,
		{
			fileName: `day-thay-${month}`,
			sheetName: m.timetable_report_title({ month }),
			width: (i) => (i === 1 ? 32 : 18)
		}
	);
};
