import { guardedLoad, ownScope, routeId } from '$lib/server/action';
import { familyLeaveOne } from '$lib/server/messages/leave';
import type { PageServerLoad } from './$types';

/** One request about an own child (404 otherwise). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	request: await familyLeaveOne(db, principal, routeId(event.params.leaveId)),
	sent: event.url.searchParams.get('sent') === '1'
})) satisfies PageServerLoad;
