import * as m from '$lib/paraglide/messages';
import { adoptionFiltersSchema, exportFormatSchema } from '$lib/schemas/usage';
import { getDb } from '$lib/server/db';
import { sheetResponse } from '$lib/server/spreadsheet/write';
import { ADOPTION_XLSX, adoptionExportTable } from '$lib/server/usage/export';
import { todayIso } from '$lib/dates';
import { platformStatusLabel } from '$lib/i18n/statuses';
import type { RequestHandler } from './$types';

/** The heat map as a spreadsheet (XLSX or CSV), for the caller's scope. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const filters = adoptionFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const format = exportFormatSchema.parse(url.searchParams.get('format'));
	const table = await adoptionExportTable(
		getDb(),
		locals.user!,
		{ areaId: filters.area },
		{
			headers: [
				m.usage_export_school_code(),
				m.usage_export_school(),
				m.usage_export_area(),
				m.usage_export_platform_code(),
				m.usage_export_platform(),
				m.usage_export_status(),
				m.usage_export_teachers(),
				m.usage_export_active_7(),
				m.usage_export_active_30(),
				m.usage_export_share_30()
			],
			status: platformStatusLabel
		},
		locals.locale
	);
	return sheetResponse(table, format, {
		...ADOPTION_XLSX,
		fileName: `muc-do-su-dung-${todayIso()}`,
		sheetName: m.usage_export_sheet()
	});
};
