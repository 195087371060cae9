import { decisionSchema } from '$lib/schemas/primary-award';
import { guardedActions, guardedLoad, plainAction, schoolScope } from '$lib/server/action';
import { decideNomination, schoolNominations } from '$lib/server/primary/awards';
import type { Actions, PageServerLoad } from './$types';

/** The principal's list of "Học sinh Tiêu biểu" nominations (the school's admins only). */
const scope = schoolScope('grades.manage');

export const load = guardedLoad(scope, async ({ db, school }) => ({
	school: { id: school.id, name: school.name },
	nominations: await schoolNominations(db, school.id)
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	decide: plainAction(decisionSchema, 'nominations', async (ctx, data) => {
		await decideNomination(ctx.db, ctx.actor, ctx.school.id, data);
		return { saved: 'primary_award_decided' };
	})
}) satisfies Actions;
