import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { guardedActions, guardedLoad, plainFailure, plainInvalid } from '$lib/server/action';
import { homeroomScope, loadClassSummary } from '$lib/server/grades/homeroom';
import { saveConduct } from '$lib/server/grades/homeroom-conduct';
import { CONDUCT_TERMS, parseConductForm } from '$lib/schemas/homeroom';
import type { Actions, PageServerLoad } from './$types';

const termSchema = z.enum(CONDUCT_TERMS).catch('1');

export const load = guardedLoad(homeroomScope, async ({ db, cls, event }) => ({
	cls,
	term: termSchema.parse(event.url.searchParams.get('term')),
	summary: await loadClassSummary(db, cls),
	saved: z.coerce
		.number()
		.int()
		.min(0)
		.max(1000)
		.nullable()
		.catch(null)
		.parse(event.url.searchParams.get('saved'))
})) satisfies PageServerLoad;

export const actions = guardedActions(homeroomScope, {
	default: async (ctx) => {
		const form = parseConductForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!form) return plainInvalid();
		let saved: number;
		try {
			({ saved } = await saveConduct(ctx.db, ctx.actor, ctx.cls.id, form));
		} catch (err) {
			const failure = plainFailure(err);
			// what was typed stays on the page (a conflict or a refused pupil loses nothing)
			const values = Object.fromEntries(form.entries.map((e) => [e.studentId, e.level ?? '']));
			return fail(failure.status, { ...failure.data, values });
		}
		redirect(303, `${ctx.event.url.pathname}?term=${form.term}&saved=${saved}`);
	}
}) satisfies Actions;
