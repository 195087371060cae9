import {
	guardedAction,
	guardedLoad,
	onceByFormKey,
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

/** Slips as stored by `onceByFormKey` (JSON): their expiry back to a Date. */
function revived<T extends { expiresAt: Date | string }>(slips: T[]) {
	return slips.map((s) => ({ ...s, expiresAt: new Date(s.expiresAt) }));
}

export const actions = {
	invite: guardedAction(schoolScope('roster.manage'), async (ctx) => {
		const data = await readPlainForm(ctx, inviteSchema);
		if (!data) return plainInvalid();
		const classId = data.target === 'school' ? null : data.target;
		try {
			// Codes are shown once: idempotent by form key (a reload prints the same codes).
			const { value: result } = await onceByFormKey(
				ctx,
				`invite:${ctx.school.id}:${data.target}`,
				data.formKey,
				() => inviteGuardians(ctx.db, ctx.actor, ctx.school.id, classId)
			);
			return { issued: { ...result, slips: revived(result.slips), origin: ctx.event.url.origin } };
		} catch (err) {
			return plainFailure(err);
		}
	}),
	reissue: guardedAction(schoolScope('roster.view'), async (ctx) => {
		const data = await readPlainForm(ctx, reissueSchema);
		if (!data) return plainInvalid();
		try {
			const { value: slip } = await onceByFormKey(
				ctx,
				`reissue:${ctx.school.id}:${data.guardianId}`,
				data.formKey,
				() => reissueCode(ctx.db, ctx.actor, ctx.school.id, data.guardianId)
			);
			return {
				issued: {
					slips: revived([slip]),
					active: 0,
					noContact: 0,
					origin: ctx.event.url.origin
				}
			};
		} catch (err) {
			return plainFailure(err);
		}
	})
} satisfies Actions;
