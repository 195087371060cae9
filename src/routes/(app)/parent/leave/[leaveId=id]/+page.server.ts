import { guardedLoad, ownScope, routeId } from '$lib/server/action';
import { familyLeaveOne } from '$lib/server/messages/leave';
import { absencesOfLeave } from '$lib/server/messages/leave-attendance';
import type { PageServerLoad } from './$types';

/** One request about an own child (404 otherwise), with the absences it excused. */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const request = await familyLeaveOne(db, principal, routeId(event.params.leaveId));
	return {
		request,
		excused: await absencesOfLeave(db, request.id),
		sent: event.url.searchParams.get('sent') === '1'
	};
}) satisfies PageServerLoad;
