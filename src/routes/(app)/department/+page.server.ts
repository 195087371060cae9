import { todayIso } from '$lib/dates';
import { rolloutFiltersSchema } from '$lib/schemas/rollout';
import { getDb } from '$lib/server/db';
import { loadDashboard } from '$lib/server/rollout/dashboard';
import type { PageServerLoad } from './$types';

/** The rollout dashboard of the department (the whole province) or an area official (the area). */
export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = rolloutFiltersSchema.parse(Object.fromEntries(url.searchParams));
	return { dashboard: await loadDashboard(getDb(), locals.user!, filters, todayIso()) };
};
