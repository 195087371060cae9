import { guardedLoad, ownScope } from '$lib/server/action';
import { loadParentHome } from '$lib/server/parent/home';
import type { PageServerLoad } from './$types';

/** The parent's own children only: every section filters by the caller's guardian links. */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	children: await loadParentHome(db, principal),
	activated: event.url.searchParams.has('activated'),
	linked: event.url.searchParams.has('linked')
})) satisfies PageServerLoad;
