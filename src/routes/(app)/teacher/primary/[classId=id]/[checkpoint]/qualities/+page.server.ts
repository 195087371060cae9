import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { guardedActions, guardedLoad, plainFailure, plainInvalid } from '$lib/server/action';
import { primaryCheckpointScope } from '$lib/server/primary/classes';
import { loadQualityGrid } from '$lib/server/primary/grid';
import { saveQualities } from '$lib/server/primary/qualities';
import { parseQualityForm, qualityKey } from '$lib/schemas/primary';
import type { Actions, PageServerLoad } from './$types';

const countSchema = z.coerce.number().int().min(0).max(100000).nullable().catch(null);

export const load = guardedLoad(primaryCheckpointScope, async ({ db, cls, checkpoint, event }) => ({
	cls,
	grid: await loadQualityGrid(db, cls, checkpoint),
	saved: countSchema.parse(event.url.searchParams.get('saved'))
})) satisfies PageServerLoad;

export const actions = guardedActions(primaryCheckpointScope, {
	default: async (ctx) => {
		const entries = parseQualityForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!entries) return plainInvalid();
		let saved: number;
		try {
			({ saved } = await saveQualities(ctx.db, ctx.actor, ctx.cls.id, ctx.checkpoint, entries));
		} catch (err) {
			const failure = plainFailure(err);
			// what was chosen stays on the page (a conflict or a lock loses nothing)
			const values = Object.fromEntries(entries.map((e) => [qualityKey(e), e.level ?? '']));
			return fail(failure.status, { ...failure.data, values });
		}
		redirect(303, `${ctx.event.url.pathname}?saved=${saved}`);
	}
}) satisfies Actions;
