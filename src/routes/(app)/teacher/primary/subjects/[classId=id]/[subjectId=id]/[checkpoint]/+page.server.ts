import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { guardedActions, guardedLoad, plainInvalid } from '$lib/server/action';
import { submitPrimary } from '$lib/server/primary/form';
import {
	loadSubjectGrid,
	saveSubjectAssessments,
	taughtPrimaryScope
} from '$lib/server/primary/subject-teacher';
import { parsePrimaryForm } from '$lib/schemas/primary';
import type { Actions, PageServerLoad } from './$types';

const countSchema = z.coerce.number().int().min(0).max(100000).nullable().catch(null);

/** A subject teacher's primary subject in one class at one checkpoint (404 unless they teach it). */
export const load = guardedLoad(taughtPrimaryScope, async ({ db, taught, checkpoint, event }) => ({
	taught,
	grid: await loadSubjectGrid(db, taught, checkpoint),
	saved: countSchema.parse(event.url.searchParams.get('saved'))
})) satisfies PageServerLoad;

/** All or nothing; what was typed stays with each error beside its cell; another subject: 400. */
export const actions = guardedActions(taughtPrimaryScope, {
	default: async (ctx) => {
		const entries = parsePrimaryForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!entries) return plainInvalid();
		const { taught, checkpoint } = ctx;
		const outcome = await submitPrimary(ctx.db, ctx.actor, taught, checkpoint, entries, (changes) =>
			saveSubjectAssessments(ctx.db, ctx.actor, taught.id, taught.subjectId, checkpoint, changes)
		);
		if (!outcome.ok) return fail(outcome.status, outcome.failure);
		redirect(303, `${ctx.event.url.pathname}?saved=${outcome.saved}`);
	}
}) satisfies Actions;
