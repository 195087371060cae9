import { checklistActionSchema } from '$lib/schemas/rollout';
import { runChecklistAction } from '$lib/server/rollout/checklist-actions';
import { getChecklist } from '$lib/server/rollout/checklists';
import { rolloutRights } from '$lib/server/rollout/rights';
import { translateError } from '$lib/i18n/errors';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	guardedActions,
	plainFailure,
	requestContext,
	routeId,
	savedRedirect,
	schoolScopeAnyOf
} from '$lib/server/action';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const schoolId = routeId(event.params.schoolId);
	const [checklist, rights] = await Promise.all([
		getChecklist(db, principal, schoolId, routeId(event.params.checklistId)),
		rolloutRights(db, principal, schoolId)
	]);
	return { ...checklist, rights };
};

export const actions = guardedActions(schoolScopeAnyOf('rollout.edit', 'rollout.review'), {
	/** submit, withdraw (school); approve, return, recall (reviewer); the service checks which */
	workflow: async (ctx) => {
		const form = Object.fromEntries(await ctx.event.request.formData());
		const parsed = checklistActionSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, { workflow: { error: translateError(parsed.error.issues[0].message) } });
		try {
			const checklistId = routeId(ctx.event.params.checklistId);
			const { db, principal, school } = ctx;
			const result = await runChecklistAction(db, principal, school.id, checklistId, parsed.data);
			void result;
			savedRedirect(ctx.event.url, 'done');
		} catch (err) {
			return plainFailure(err, 'workflow');
		}
	}
}) satisfies Actions;
