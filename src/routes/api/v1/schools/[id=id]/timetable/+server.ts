import { isHttpError } from '@sveltejs/kit';
import { routeId } from '$lib/server/action';
import { apiJson, notFoundJson, parseQuery } from '$lib/server/api/http';
import { timetableAnswerSchema, timetableQuerySchema } from '$lib/server/api/paths/timetable';
import { getDb } from '$lib/server/db';
import { apiTimetable } from '$lib/server/timetable/api';
import type { RequestHandler } from './$types';

/** The published timetable of a week, covers applied (whole school, `?class=` or `?teacher=`). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const id = routeId(params.id);
	const query = parseQuery(timetableQuerySchema, url);
	if (!query.ok) return query.response;
	try {
		return apiJson(
			timetableAnswerSchema,
			await apiTimetable(getDb(), locals.user!, id, query.data)
		);
	} catch (err) {
		if (isHttpError(err) && err.status === 404) return notFoundJson();
		throw err;
	}
};
