import { todayIso } from '$lib/format';
import { pick } from '$lib/i18n/rollout';
import * as m from '$lib/paraglide/messages';
import { rolloutFiltersSchema } from '$lib/schemas/rollout';
import { getDb } from '$lib/server/db';
import { toDashboardFilters } from '$lib/server/rollout/dashboard';
import { reportCsv, reportTable, reportXlsx } from '$lib/server/rollout/export';
import { exportLabels } from '$lib/server/rollout/export-labels';
import { activePlatforms, reportRows } from '$lib/server/rollout/report';
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
	const name = `truong-so-trien-khai-${today}`;
	const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
	if (format === 'csv')
		return new Response(reportCsv(table), {
			headers: {
				...headers,
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.csv"`
			}
		});
	const body = await reportXlsx(table, m.rollout_report_sheet());
	return new Response(body, {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}.xlsx"`
		}
	});
};
