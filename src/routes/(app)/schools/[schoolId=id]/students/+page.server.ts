import { rosterFiltersSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { classOptions } from '$lib/server/roster/lookups';
import { listStudents } from '$lib/server/roster/students';
import type { PageServerLoad } from './$types';
import { routeId } from '$lib/server/action';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const filters = rosterFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const db = getDb();
	const schoolId = routeId(params.schoolId);
	const result = await listStudents(db, locals.user!, schoolId, filters);
	return { filters, ...result, classes: await classOptions(db, schoolId) };
};
