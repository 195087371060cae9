import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { errorText } from '$lib/i18n/errors';
import * as m from '$lib/paraglide/messages';
import { guardedActions, guardedLoad, plainFailure, plainInvalid } from '$lib/server/action';
import { DomainError } from '$lib/server/errors';
import { homeroomScope, loadClassSummary } from '$lib/server/grades/homeroom';
import { saveRetests } from '$lib/server/grades/homeroom-retests';
import { parseRetestForm } from '$lib/schemas/homeroom';
import type { Actions, PageServerLoad } from './$types';

export const load = guardedLoad(homeroomScope, async ({ db, cls, event }) => ({
	cls,
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

/** Typed text echoed back is capped (a pasted 100k string is refused, not re-rendered). */
const ECHO_LIMIT = 30;

export const actions = guardedActions(homeroomScope, {
	default: async (ctx) => {
		const entries = parseRetestForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!entries) return plainInvalid();
		let saved: number;
		try {
			({ saved } = await saveRetests(ctx.db, ctx.actor, ctx.cls.id, entries));
		} catch (err) {
			const values = Object.fromEntries(
				entries.map((e) => [`r_${e.studentId}_${e.subjectId}`, e.text.slice(0, ECHO_LIMIT)])
			);
			if (err instanceof DomainError && err.field) {
				return fail(400, {
					error: m.homeroom_has_errors(),
					errors: { [err.field]: errorText(err.code, err.params) },
					values
				});
			}
			const failure = plainFailure(err);
			return fail(failure.status, { ...failure.data, errors: {}, values });
		}
		redirect(303, `${ctx.event.url.pathname}?saved=${saved}`);
	}
}) satisfies Actions;
