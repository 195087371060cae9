import {
	guardedAction,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	schoolScope
} from '$lib/server/action';
import { inviteSchema, reissueSchema } from '$lib/schemas/accounts';
import { inviteGuardians, reissueCode } from '$lib/server/accounts/invitations';
import type { Actions, PageServerLoad } from './$types';

/**
 * The printable activation slips. Codes are stored hashed, so a slip exists only in the answer to
 * the POST that issued its code: the admin's invitation of a class or the school, or a new code
 * for one guardian (homeroom teacher or admin; the service checks the class). A GET shows how to
 * get there.
 */
export const load = guardedLoad(schoolScope('roster.view'), async ({ school }) => ({
	school: { id: school.id, name: school.name }
})) satisfies PageServerLoad;

export const actions = {
	invite: guardedAction(schoolScope('roster.manage'), async (ctx) => {
		const data = await readPlainForm(ctx, inviteSchema);
		if (!data) return plainInvalid();
		const classId = data.target === 'school' ? null : data.target;
		try {
			const result = await inviteGuardians(ctx.db, ctx.actor, ctx.school.id, classId);
			return { issued: { ...result, origin: ctx.event.url.origin } };
		} catch (err) {
			return plainFailure(err);
		}
	}),
	reissue: guardedAction(schoolScope('roster.view'), async (ctx) => {
		const data = await readPlainForm(ctx, reissueSchema);
		if (!data) return plainInvalid();
		try {
			const slip = await reissueCode(ctx.db, ctx.actor, ctx.school.id, data.guardianId);
			return {
				issued: {
					slips: [slip],
					active: 0,
					noContact: 0,
					existingAccount: 0,
					origin: ctx.event.url.origin
				}
			};
		} catch (err) {
			return plainFailure(err);
		}
	})
} satisfies Actions;
