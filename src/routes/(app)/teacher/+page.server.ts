import { getDb } from '$lib/server/db';
import { listTeacherClasses } from '$lib/server/org/people';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { classes: await listTeacherClasses(getDb(), locals.user!) };
};
