import { guardedLoad, ownScope, routeId } from '$lib/server/action';
import { loadChildGrades } from '$lib/server/grades/parent';
import { loadChildPrimary } from '$lib/server/primary/parent';
import { childYears } from '$lib/server/year/child-years';
import type { PageServerLoad } from './$types';

/** A parent's own child only (the guardian predicate; anyone else's child is a 404). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const studentId = routeId(event.params.studentId);
	const child = await loadChildGrades(db, principal, studentId);
	// a primary child (grades 1-5) is assessed under Circular 27: levels, not scores
	const primary = await loadChildPrimary(db, principal, studentId);
	// every school year with a published checkpoint: links to that year's report card (0360)
	const years = await childYears(db, principal, studentId);
	return { child, primary, years };
}) satisfies PageServerLoad;
