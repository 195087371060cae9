import { todayIso } from '$lib/dates';
import { pick } from '$lib/i18n/rollout';
import * as m from '$lib/paraglide/messages';
import { rolloutFiltersSchema } from '$lib/schemas/rollout';
import { getDb } from '$lib/server/db';
import { toDashboardFilters } from '$lib/server/rollout/dashboard';
import { REPORT_XLSX, reportTable } from '$lib/server/rollout/export';
import { exportLabels } from '$lib/server/rollout/export-labels';
import { activePlatforms, reportRows } from '$lib/server/rollout/report';
import { sheetResponse } from '$lib/server/spreadsheet/write';
import type { RequestHandler } from './$types';

/** The rollout report (one row per school) as CSV or XLSX, with the dashboard's filters. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const filters = rolloutFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	const db = getDb();
	const today = todayIso();
	const [rows, platforms] = await Promise.all([
		reportRows(db, locals.user!, toDashboardFilters(filters), today),
		activePlatforms(db)
	]);
	const table = reportTable(
		rows,
		platforms.map((p) => ({ code: p.code, name: pick(p, 'name') })),
		exportLabels()
	);
	return sheetResponse(table, format, {
		...REPORT_XLSX,
		fileName: `truong-so-trien-khai-${today}`,
		sheetName: m.rollout_report_sheet()
	});
};
