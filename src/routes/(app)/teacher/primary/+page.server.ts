import { guardedLoad, ownScope } from '$lib/server/action';
import { primaryClassList } from '$lib/server/primary/classes';
import type { PageServerLoad } from './$types';

/** The primary classes (grades 1-5) the caller assesses: their homeroom classes. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	classes: await primaryClassList(db, principal)
})) satisfies PageServerLoad;
