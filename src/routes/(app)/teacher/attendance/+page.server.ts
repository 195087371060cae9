import { guardedLoad, ownScope } from '$lib/server/action';
import { homeroomClasses } from '$lib/server/grades/attendance';
import type { PageServerLoad } from './$types';

/** The classes whose roll the caller takes (their homeroom classes; a school admin: the school's). */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	classes: await homeroomClasses(db, principal)
})) satisfies PageServerLoad;
