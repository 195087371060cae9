import * as m from '$lib/paraglide/messages';
import { cellSubject } from '$lib/i18n/timetable';
import { exportFormatSchema } from '$lib/schemas/usage';
import { requestContext, routeId, schoolScope } from '$lib/server/action';
import { mayUse, notFound } from '$lib/server/auth/access';
import { sheetResponse } from '$lib/server/spreadsheet/write';
import { gridCells, schoolVersion } from '$lib/server/timetable/views';
import { schoolTimetableGrid } from '$lib/server/timetable/school-grid';
import type { RequestHandler } from './$types';

/**
 * A version as the whole-school grid in XLSX or CSV (`?format=xlsx|csv`): a row per day and
 * period, a column per class. Who may see the version's page may download it.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const { school } = await schoolScope('timetable.view')(ctx);
	const version = await schoolVersion(ctx.db, school.id, routeId(event.params.versionId));
	const manager = mayUse(ctx.principal, 'timetable.manage', school);
	if (!version || (version.status !== 'published' && !(manager && version.status === 'draft')))
		notFound();
	const format = exportFormatSchema.parse(event.url.searchParams.get('format'));
	const grid = await schoolTimetableGrid(
		ctx.db,
		school.id,
		version,
		await gridCells(ctx.db, [version.id]),
		cellSubject
	);
	const times = grid.times;
	const lead = times ? 3 : 2;
	return sheetResponse(
		{
			header: [
				m.timetable_col_day(),
				m.timetable_period(),
				...(times ? [m.timetable_tt_col_time()] : []),
				...grid.classes.map((c) => c.name)
			],
			rows: grid.rows.map((r) => [
				m.timetable_day({ day: r.day + 2 }),
				r.period + 1,
				...(times ? [times[r.period]] : []),
				...r.entries
			])
		},
		format,
		{
			fileName: `thoi-khoa-bieu-${version.id}`,
			sheetName: m.timetable_title(),
			width: (i) => (i < 2 ? 8 : i < lead ? 12 : 24)
		}
	);
};
