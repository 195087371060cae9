import { guardedLoad, newFormKey, schoolScope } from '$lib/server/action';
import { schoolInvitationSummary } from '$lib/server/accounts/invitation-status';
import type { PageServerLoad } from './$types';

/** The school admin's view of parents' accounts per class; the forms post to the slips page. */
export const load = guardedLoad(schoolScope('roster.manage'), async ({ db, school }) => ({
	classes: await schoolInvitationSummary(db, school.id),
	formKey: newFormKey()
})) satisfies PageServerLoad;
