import * as m from '$lib/paraglide/messages';
import { adoptionFiltersSchema, exportFormatSchema } from '$lib/schemas/usage';
import { getDb } from '$lib/server/db';
import { adoptionExportRows, toCsv, toXlsx } from '$lib/server/usage/export';
import { todayIso } from '$lib/format';
import { statusLabel } from '$lib/usage/labels';
import type { RequestHandler } from './$types';

/** The heat map as a spreadsheet (XLSX or CSV), for the caller's scope. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const filters = adoptionFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const format = exportFormatSchema.parse(url.searchParams.get('format'));
	const rows = await adoptionExportRows(
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
			status: statusLabel
		},
		locals.locale
	);
	const name = `muc-do-su-dung-${todayIso()}`;
	if (format === 'csv') {
		return new Response(toCsv(rows), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.csv"`
			}
		});
	}
	const body = await toXlsx(rows, m.usage_export_sheet());
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}.xlsx"`
		}
	});
};
