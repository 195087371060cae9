import { promotionDecisionSchema } from '$lib/schemas/primary-decision';
import { guardedActions, guardedLoad, plainAction, schoolScope } from '$lib/server/action';
import { decidePromotion, schoolDecisions } from '$lib/server/primary/promotion-decisions';
import type { Actions, PageServerLoad } from './$types';

/**
 * The principal's decisions for primary pupils at Chưa hoàn thành (Circular 27, Art. 11): the
 * school's admins ('grades.manage') record "lên lớp" or "ở lại lớp" with a note, per pupil.
 */
const scope = schoolScope('grades.manage');

export const load = guardedLoad(scope, async ({ db, school }) => ({
	school: { id: school.id, name: school.name },
	pupils: await schoolDecisions(db, school.id)
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	decide: plainAction(promotionDecisionSchema, 'decisions', async (ctx, data) => {
		await decidePromotion(ctx.db, ctx.actor, ctx.school.id, data);
		return { saved: 'primary_promotion_decided' };
	})
}) satisfies Actions;
