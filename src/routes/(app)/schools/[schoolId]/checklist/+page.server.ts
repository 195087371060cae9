import { getDb } from '$lib/server/db';
import { listSchoolChecklists } from '$lib/server/rollout/checklists';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	return { checklists: await listSchoolChecklists(getDb(), locals.user!, Number(params.schoolId)) };
};
