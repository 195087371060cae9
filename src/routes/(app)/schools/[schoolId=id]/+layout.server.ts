import { getDb } from '$lib/server/db';
import { getSchoolDetail } from '$lib/server/org/schools';
import { hasRole, mayUse } from '$lib/server/auth/access';
import type { LayoutServerLoad } from './$types';
import { routeId } from '$lib/server/action';

/** Every page under /schools/[id] first proves the school is in the caller's scope (else 404). */
export const load: LayoutServerLoad = async ({ locals, params }) => {
	const school = await getSchoolDetail(getDb(), locals.user!, routeId(params.schoolId));
	return {
		school,
		canManage: mayUse(locals.user!, 'roster.manage', school),
		canViewRoster: mayUse(locals.user!, 'roster.view', school),
		canEdit: mayUse(locals.user!, 'school.edit', school),
		isOfficial: hasRole(locals.user, 'department', 'area')
	};
};
