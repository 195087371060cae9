import { fail, redirect } from '@sveltejs/kit';
import { guardedActions, guardedLoad, plainInvalid, readPlainForm } from '$lib/server/action';
import { loadGradebook } from '$lib/server/grades/gradebook';
import { gradebookScope, submitGradebook } from '$lib/server/grades/form';
import { gradebookFormSchema, postedCells, postedComments } from '$lib/schemas/grades';
import type { Actions, PageServerLoad } from './$types';

export const load = guardedLoad(
	gradebookScope('teaching.view'),
	async ({ db, principal, gradebook, event }) => ({
		book: await loadGradebook(
			db,
			principal,
			gradebook.classId,
			gradebook.subjectId,
			gradebook.semesterId
		),
		saved: event.url.searchParams.get('saved') === '1'
	})
) satisfies PageServerLoad;

/** Only the subject's teacher enters its grades ('teaching.enter'); anyone else gets 404. */
export const actions = guardedActions(gradebookScope('teaching.enter'), {
	default: async (ctx) => {
		const form = await readPlainForm(ctx, gradebookFormSchema);
		const posted = form && postedCells(form);
		const notes = form && postedComments(form);
		if (!posted || !notes) return plainInvalid();
		const outcome = await submitGradebook(ctx.db, ctx.actor, ctx.gradebook, posted, notes);
		if (!outcome.ok) return fail(outcome.status, outcome.failure);
		redirect(303, `${ctx.event.url.pathname}?saved=1`);
	}
}) satisfies Actions;
