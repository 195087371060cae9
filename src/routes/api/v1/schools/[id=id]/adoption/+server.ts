import { isHttpError } from '@sveltejs/kit';
import { routeId } from '$lib/server/action';
import { apiJson, notFoundJson } from '$lib/server/api/http';
import { schoolAdoptionSchema } from '$lib/server/api/paths/usage';
import { getDb } from '$lib/server/db';
import { schoolAdoption } from '$lib/server/usage/school-figures';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const id = routeId(params.id);
	try {
		const a = await schoolAdoption(getDb(), locals.user!, id);
		return apiJson(schoolAdoptionSchema, {
			schoolId: a.school.id,
			date: a.today,
			threshold: a.threshold,
			teachers: a.teachers,
			platforms: a.platforms.map((p) => ({
				code: p.code,
				name: locals.locale === 'en' ? p.name_en : p.name_vi,
				status: p.status,
				activeTeachers7: p.active7,
				activeTeachers30: p.active30,
				share30: p.share30,
				sessions30: p.sessions30,
				minutes30: p.minutes30,
				classes30: p.classes30
			})),
			weeks: a.trend.map((w) => ({
				week: w.week,
				sessions: w.sessions,
				activeTeachers: w.activeTeachers,
				share: w.share
			}))
		});
	} catch (err) {
		if (isHttpError(err) && err.status === 404) return notFoundJson();
		throw err;
	}
};
