import { getDb } from '$lib/server/db';
import { listSchoolChecklists } from '$lib/server/rollout/checklists';
import type { PageServerLoad } from './$types';
import { routeId } from '$lib/server/action';

export const load: PageServerLoad = async ({ locals, params }) => {
	return {
		checklists: await listSchoolChecklists(getDb(), locals.user!, routeId(params.schoolId))
	};
};
