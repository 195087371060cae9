import { grantsWith } from '$lib/auth/permissions';
import { requestContext, routeId } from '$lib/server/action';
import { unreadOfficialCount } from '$lib/server/official-notices/read';
import type { PageServerLoad } from './$types';

/** The school's home: how many official notices the reader has not opened (the layout proved scope). */
export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const schoolId = routeId(event.params.schoolId);
	const reads = grantsWith(principal.roles, 'official_notices.read').some(
		(g) => g.schoolId === schoolId
	);
	return { officialUnread: reads ? await unreadOfficialCount(db, principal, schoolId) : null };
};
