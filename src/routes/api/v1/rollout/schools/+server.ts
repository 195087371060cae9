import { todayIso } from '$lib/dates';
import { apiJson, parseQuery } from '$lib/server/api/http';
import { rolloutQuerySchema, rolloutSchoolsSchema } from '$lib/server/api/paths/rollout';
import { getDb } from '$lib/server/db';
import { apiRolloutSchools } from '$lib/server/rollout/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const query = parseQuery(rolloutQuerySchema, url);
	if (!query.ok) return query.response;
	const { body, total } = await apiRolloutSchools(getDb(), locals.user!, query.data, todayIso());
	const headers: Record<string, string> = { 'x-total-count': String(total) };
	if (query.data.page * query.data.pageSize < total) {
		const next = new URL(url);
		next.searchParams.set('page', String(query.data.page + 1));
		headers.link = `<${next.pathname}${next.search}>; rel="next"`;
	}
	return apiJson(rolloutSchoolsSchema, body, { headers });
};
