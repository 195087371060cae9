import { todayIso } from '$lib/dates';
import { getDb } from '$lib/server/db';
import { listTeacherClasses } from '$lib/server/org/people';
import { loggingContext } from '$lib/server/usage/teacher';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = getDb();
	const [classes, usageSchools] = await Promise.all([
		listTeacherClasses(db, locals.user!),
		loggingContext(db, locals.user!)
	]);
	return { classes, usageSchool: usageSchools[0] ?? null, today: todayIso() };
};
