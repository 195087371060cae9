import { getDb } from '$lib/server/db';
import { summariseSchools } from '$lib/server/org/schools';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { summary: await summariseSchools(getDb(), locals.user!) };
};
