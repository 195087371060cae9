import { guardedLoad, ownScope } from '$lib/server/action';
import { listOwnGradebooks } from '$lib/server/grades/queries';
import type { PageServerLoad } from './$types';

/** The caller's own teaching assignments: the query filters by the caller's staff rows. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	gradebooks: await listOwnGradebooks(db, principal)
})) satisfies PageServerLoad;
