import { decisionSchema } from '$lib/schemas/primary-award';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { decideNomination, schoolNominations } from '$lib/server/primary/awards';
import type { Actions, PageServerLoad } from './$types';

/** The principal's list of "Học sinh Tiêu biểu" nominations (the school's admins only). */
const scope = schoolScope('grades.manage');

export const load = guardedLoad(scope, async ({ db, school }) => ({
	school: { id: school.id, name: school.name },
	nominations: await schoolNominations(db, school.id)
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	decide: async (ctx) => {
		const data = await readPlainForm(ctx, decisionSchema);
		if (!data) return plainInvalid('nominations');
		try {
			await decideNomination(ctx.db, ctx.actor, ctx.school.id, data);
		} catch (err) {
			return plainFailure(err, 'nominations');
		}
		savedRedirect(ctx.event.url, 'primary_award_decided');
	}
}) satisfies Actions;
