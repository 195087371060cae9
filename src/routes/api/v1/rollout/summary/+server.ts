import { todayIso } from '$lib/dates';
import { apiJson, parseQuery } from '$lib/server/api/http';
import { rolloutSummaryQuerySchema, rolloutSummarySchema } from '$lib/server/api/paths/rollout';
import { getDb } from '$lib/server/db';
import { apiRolloutSummary } from '$lib/server/rollout/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const query = parseQuery(rolloutSummaryQuerySchema, url);
	if (!query.ok) return query.response;
	const summary = await apiRolloutSummary(getDb(), locals.user!, query.data, todayIso());
	return apiJson(rolloutSummarySchema, summary);
};
