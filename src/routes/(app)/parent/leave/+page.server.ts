import { guardedLoad, ownScope } from '$lib/server/action';
import { familyLeave } from '$lib/server/messages/leave';
import type { PageServerLoad } from './$types';

/** The leave requests of the caller's own children only. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	requests: await familyLeave(db, principal)
})) satisfies PageServerLoad;
