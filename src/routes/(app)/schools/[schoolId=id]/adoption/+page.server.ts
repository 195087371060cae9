import { accessibleSchoolIds } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { schoolAdoption } from '$lib/server/usage/school-figures';
import type { PageServerLoad } from './$types';
import { routeId } from '$lib/server/action';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const adoption = await schoolAdoption(db, locals.user!, routeId(params.schoolId));
	const id = adoption.school.id;
	const [canImport, canTokens] = await Promise.all([
		accessibleSchoolIds(db, locals.user!, 'usage.import', [id]),
		accessibleSchoolIds(db, locals.user!, 'usage.tokens', [id])
	]);
	return { adoption, canImport: canImport.has(id), canTokens: canTokens.has(id) };
};
