import { getDb } from '$lib/server/db';
import { getSchoolDetail } from '$lib/server/org/schools';
import { hasRole } from '$lib/server/auth/access';
import type { LayoutServerLoad } from './$types';

/** Every page under /schools/[id] first proves the school is in the caller's scope (else 404). */
export const load: LayoutServerLoad = async ({ locals, params }) => {
	const school = await getSchoolDetail(getDb(), locals.user!, Number(params.schoolId));
	const canManage = locals.user!.roles.some(
		(g) => g.role === 'school_admin' && g.schoolId === school.id
	);
	return { school, canManage, isOfficial: hasRole(locals.user, 'department', 'area') };
};
