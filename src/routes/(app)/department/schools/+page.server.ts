import { schoolFiltersSchema } from '$lib/schemas/org';
import { getDb } from '$lib/server/db';
import { listSchools, listVisibleAreas } from '$lib/server/org/schools';
import { holds } from '$lib/server/auth/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = schoolFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const db = getDb();
	const [result, areas] = await Promise.all([
		listSchools(db, locals.user!, {
			q: filters.q,
			areaId: filters.area,
			level: filters.level,
			page: filters.page
		}),
		listVisibleAreas(db, locals.user!)
	]);
	return { filters, areas, ...result, canCreate: holds(locals.user!.roles, 'department.schools') };
};
