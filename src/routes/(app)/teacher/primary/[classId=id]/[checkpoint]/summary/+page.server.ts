import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { nominationSchema } from '$lib/schemas/primary-award';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	readForm,
	savedRedirect
} from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { nominationPage } from '$lib/server/primary/award-page';
import { nominate } from '$lib/server/primary/awards';
import { primaryCheckpointScope } from '$lib/server/primary/classes';
import { primaryClassSummary } from '$lib/server/primary/summary';
import type { Actions, PageServerLoad } from './$types';

/**
 * The class summary of a checkpoint for the homeroom teacher or the school admin (404 otherwise).
 * At `year` also the "Học sinh Tiêu biểu" nominations: the teacher nominates; the school admin
 * decides at /schools/<id>/grades/primary-awards.
 */
export const load = guardedLoad(primaryCheckpointScope, async ({ db, cls, checkpoint }) => ({
	cls,
	checkpoint,
	summary: await primaryClassSummary(db, cls, checkpoint),
	awards:
		checkpoint === 'year'
			? {
					...(await nominationPage(db, cls)),
					form: await superValidate(zod4(nominationSchema), { id: 'nominate', errors: false })
				}
			: null
})) satisfies PageServerLoad;

export const actions = guardedActions(primaryCheckpointScope, {
	nominate: async (ctx) => {
		if (ctx.checkpoint !== 'year') notFound();
		const form = await readForm(ctx, nominationSchema, 'nominate');
		if (!form.valid) return fail(400, { form });
		try {
			await nominate(ctx.db, ctx.actor, ctx.cls, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'primary_award_nominated');
	}
}) satisfies Actions;
