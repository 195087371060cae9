import { getDb } from '$lib/server/db';
import { listParentChildren } from '$lib/server/org/people';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { children: await listParentChildren(getDb(), locals.user!) };
};
