import { fail } from '@sveltejs/kit';
import { correctionDecisionSchema } from '$lib/schemas/grades-checkpoints';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	type RequestContext,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { decideCorrection, schoolCorrections } from '$lib/server/grades/corrections';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('grades.manage');

export const load = guardedLoad(scope, async ({ db, school }) => ({
	corrections: await schoolCorrections(db, school.id)
})) satisfies PageServerLoad;

async function decide(ctx: RequestContext & { school: { id: number } }, approve: boolean) {
	const data = await readPlainForm(ctx, correctionDecisionSchema);
	if (!data) return plainInvalid('decision');
	try {
		await decideCorrection(ctx.db, ctx.actor, ctx.school.id, data, approve);
	} catch (err) {
		const failure = plainFailure(err);
		return fail(failure.status, { decision: { id: data.correctionId, error: failure.data.error } });
	}
	savedRedirect(ctx.event.url, approve ? 'grades_approved' : 'grades_refused');
}

export const actions = guardedActions(scope, {
	approve: (ctx) => decide(ctx, true),
	refuse: (ctx) => decide(ctx, false)
}) satisfies Actions;
