import { rosterFiltersSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { listGuardians } from '$lib/server/roster/guardians';
import type { PageServerLoad } from './$types';
import { routeId } from '$lib/server/action';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const filters = rosterFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const result = await listGuardians(getDb(), locals.user!, routeId(params.schoolId), filters);
	return { filters, ...result };
};
