import { apiJson, parseQuery } from '$lib/server/api/http';
import { schoolListSchema, schoolQuerySchema } from '$lib/server/api/paths/org';
import { getDb } from '$lib/server/db';
import { listSchools } from '$lib/server/org/schools';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const query = parseQuery(schoolQuerySchema, url);
	if (!query.ok) return query.response;
	const { q, areaId, level, page, pageSize } = query.data;
	const result = await listSchools(getDb(), locals.user!, { q, areaId, level, page, pageSize });
	return apiJson(schoolListSchema, {
		schools: result.rows.map((s) => ({
			id: s.id,
			code: s.code,
			name: s.name,
			level: s.level,
			area: { id: s.area_id, name: s.area_name }
		})),
		total: result.total,
		page: result.page,
		pages: result.pages
	});
};
