import { guardedLoad, ownScope, routeId } from '$lib/server/action';
import { loadChildGrades } from '$lib/server/grades/parent';
import type { PageServerLoad } from './$types';

/** A parent's own child only (the guardian predicate; anyone else's child is a 404). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	child: await loadChildGrades(db, principal, routeId(event.params.studentId))
})) satisfies PageServerLoad;
