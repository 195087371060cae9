import { rosterFiltersSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { listClasses } from '$lib/server/roster/classes';
import type { PageServerLoad } from './$types';
import { routeId } from '$lib/server/action';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const filters = rosterFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const result = await listClasses(getDb(), locals.user!, routeId(params.schoolId), filters);
	return { filters, ...result };
};
