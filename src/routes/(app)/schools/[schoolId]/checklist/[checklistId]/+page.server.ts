import { checklistActionSchema } from '$lib/schemas/rollout';
import { getDb } from '$lib/server/db';
import { plainFailure } from '$lib/server/rollout/action-errors';
import { runChecklistAction } from '$lib/server/rollout/checklist-actions';
import { getChecklist } from '$lib/server/rollout/checklists';
import { requireAnyOf, rolloutRights } from '$lib/server/rollout/rights';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const [checklist, rights] = await Promise.all([
		getChecklist(db, locals.user!, schoolId, Number(params.checklistId)),
		rolloutRights(db, locals.user!, schoolId)
	]);
	return { ...checklist, rights };
};

export const actions: Actions = {
	/** submit, withdraw (school); approve, return, recall (reviewer) */
	workflow: async ({ request, locals, params }) => {
		await requireAnyOf(
			getDb(),
			locals.user!,
			Number(params.schoolId),
			'rollout.edit',
			'rollout.review'
		);
		const parsed = checklistActionSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { workflow: { error: parsed.error.issues[0].message } });
		try {
			const result = await runChecklistAction(
				getDb(),
				locals.user!,
				Number(params.schoolId),
				Number(params.checklistId),
				parsed.data
			);
			return { workflow: { done: parsed.data.action, status: result.status } };
		} catch (err) {
			return plainFailure('workflow', err);
		}
	}
};
