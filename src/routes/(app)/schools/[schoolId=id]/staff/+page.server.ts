import { rosterFiltersSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { subjectsForSchool } from '$lib/server/roster/lookups';
import { listStaff } from '$lib/server/roster/staff';
import type { PageServerLoad } from './$types';
import { routeId } from '$lib/server/action';

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const filters = rosterFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const db = getDb();
	const result = await listStaff(db, locals.user!, routeId(params.schoolId), filters);
	const { school } = await parent();
	return { filters, ...result, subjects: await subjectsForSchool(db, school.level) };
};
