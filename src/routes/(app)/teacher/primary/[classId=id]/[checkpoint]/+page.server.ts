import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { guardedActions, guardedLoad, plainInvalid } from '$lib/server/action';
import { primaryCheckpointScope } from '$lib/server/primary/classes';
import { submitPrimary } from '$lib/server/primary/form';
import { loadPrimaryGrid } from '$lib/server/primary/grid';
import { parsePrimaryForm } from '$lib/schemas/primary';
import type { Actions, PageServerLoad } from './$types';

const countSchema = z.coerce.number().int().min(0).max(100000).nullable().catch(null);
const pupilSchema = z.coerce.number().int().positive().max(2_147_483_647).nullable().catch(null);

export const load = guardedLoad(primaryCheckpointScope, async ({ db, cls, checkpoint, event }) => {
	const grid = await loadPrimaryGrid(db, cls, checkpoint);
	const wanted = pupilSchema.parse(event.url.searchParams.get('pupil'));
	const pupil = grid.pupils.find((p) => p.id === wanted) ?? null;
	return { cls, grid, pupil, saved: countSchema.parse(event.url.searchParams.get('saved')) };
}) satisfies PageServerLoad;

/** All or nothing; what was typed stays on the page with each error beside its cell. */
export const actions = guardedActions(primaryCheckpointScope, {
	default: async (ctx) => {
		const entries = parsePrimaryForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!entries) return plainInvalid();
		const outcome = await submitPrimary(ctx.db, ctx.actor, ctx.cls, ctx.checkpoint, entries);
		if (!outcome.ok) return fail(outcome.status, outcome.failure);
		const back = new URL(ctx.event.url);
		back.search = '';
		const pupil = ctx.event.url.searchParams.get('pupil');
		if (pupil && /^\d{1,10}$/.test(pupil)) back.searchParams.set('pupil', pupil);
		back.searchParams.set('saved', String(outcome.saved));
		redirect(303, `${back.pathname}${back.search}`);
	}
}) satisfies Actions;
