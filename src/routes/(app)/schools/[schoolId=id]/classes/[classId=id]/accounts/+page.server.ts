import { guardedLoad, newFormKey, routeId, schoolScope } from '$lib/server/action';
import { classGuardianAccounts } from '$lib/server/accounts/invitation-status';
import type { PageServerLoad } from './$types';

/**
 * Parents' accounts of one class: the homeroom teacher (or the admin) sees who has activated and
 * gives a guardian a new code; the service proves the class (`class.homeroom`, else 404).
 */
export const load = guardedLoad(
	schoolScope('roster.view'),
	async ({ db, principal, school, event }) => ({
		...(await classGuardianAccounts(db, principal, school.id, routeId(event.params.classId))),
		formKey: newFormKey()
	})
) satisfies PageServerLoad;
