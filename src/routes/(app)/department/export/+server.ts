import { todayIso, formatDate } from '$lib/dates';
import { dashboardScope, dashboardTitle, scopeSlug } from '$lib/i18n/dashboard-scope';
import { pick } from '$lib/i18n/rollout';
import * as m from '$lib/paraglide/messages';
import { rolloutFiltersSchema } from '$lib/schemas/rollout';
import { getDb } from '$lib/server/db';
import { hasRole } from '$lib/server/auth/access';
import { listVisibleAreas } from '$lib/server/org/schools';
import { toDashboardFilters, unverifiedLevelTemplates } from '$lib/server/rollout/dashboard';
import { REPORT_XLSX, reportTable } from '$lib/server/rollout/export';
import { exportLabels } from '$lib/server/rollout/export-labels';
import { activePlatforms, reportRows } from '$lib/server/rollout/report';
import { listWaveOptions, officialDepartmentIds } from '$lib/server/rollout/waves';
import { sheetResponse } from '$lib/server/spreadsheet/write';
import type { RequestHandler } from './$types';

/**
 * The rollout report (one row per school) as CSV or XLSX, with the dashboard's filters. The file
 * name says the filter; the XLSX also carries a sheet saying what it covers and how to read the
 * declared and measured figures (issue 9, points 1, 3, 4, 6).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const filters = rolloutFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	const db = getDb();
	const principal = locals.user!;
	const today = todayIso();
	const departments = officialDepartmentIds(principal);
	const [rows, platforms, areas, waves, unverified] = await Promise.all([
		reportRows(db, principal, toDashboardFilters(filters), today),
		activePlatforms(db),
		listVisibleAreas(db, principal),
		listWaveOptions(db, departments),
		unverifiedLevelTemplates(db, departments)
	]);
	const table = reportTable(
		rows,
		platforms.map((p) => ({ code: p.code, name: pick(p, 'name') })),
		exportLabels()
	);
	const scope = dashboardScope(filters, areas, waves);
	const title = dashboardTitle(!hasRole(principal, 'department'), scope);
	const slug = scopeSlug(scope);
	return sheetResponse(table, format, {
		...REPORT_XLSX,
		fileName: `truong-so-trien-khai-${slug ? `${slug}-` : ''}${today}`,
		sheetName: m.rollout_report_sheet(),
		notes: {
			sheetName: m.rollout_export_notes_sheet(),
			lines: [
				title,
				m.rollout_as_of({ date: formatDate(today) }),
				m.rollout_export_note_declared(),
				m.rollout_export_note_measured(),
				...unverified.map((t) => `${pick(t, 'name')}: ${m.rollout_unverified_levels_note()}`)
			]
		}
	});
};
