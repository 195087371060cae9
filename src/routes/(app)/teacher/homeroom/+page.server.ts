import { guardedLoad, ownScope } from '$lib/server/action';
import { homeroomClassList } from '$lib/server/grades/homeroom';
import type { PageServerLoad } from './$types';

/** The secondary classes whose summary the caller keeps (their homeroom classes). */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	classes: await homeroomClassList(db, principal)
})) satisfies PageServerLoad;
