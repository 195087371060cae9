import { guardedLoad, ownScope } from '$lib/server/action';
import { familyLeave } from '$lib/server/messages/leave';
import { familyAbsences } from '$lib/server/messages/leave-attendance';
import type { PageServerLoad } from './$types';

/** The leave requests and the recorded absences of the caller's own children only. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => {
	const [requests, absences] = await Promise.all([
		familyLeave(db, principal),
		familyAbsences(db, principal)
	]);
	return { requests, absences };
}) satisfies PageServerLoad;
