import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { errorText } from '$lib/i18n/errors';
import * as m from '$lib/paraglide/messages';
import { guardedActions, guardedLoad, plainInvalid, schoolScope } from '$lib/server/action';
import { ConflictError, DomainError } from '$lib/server/errors';
import { loadTestPlan, saveTestPlan } from '$lib/server/primary/test-plan-admin';
import { parseTestPlanForm } from '$lib/schemas/primary-test-plan';
import type { Actions, PageServerLoad } from './$types';

/** The school's table of primary periodic tests per grade and subject (its admins only). */
const scope = schoolScope('grades.manage');
const countSchema = z.coerce.number().int().min(0).max(100000).nullable().catch(null);

export const load = guardedLoad(scope, async ({ db, principal, school, event }) => ({
	school: { id: school.id, name: school.name },
	plan: await loadTestPlan(db, principal, school.id),
	saved: countSchema.parse(event.url.searchParams.get('saved'))
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const entries = parseTestPlanForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!entries) return plainInvalid();
		try {
			const { saved } = await saveTestPlan(ctx.db, ctx.actor, ctx.school.id, entries);
			redirect(303, `${ctx.event.url.pathname}?saved=${saved}`);
		} catch (err) {
			if (err instanceof ConflictError) return fail(409, { error: m.primarytests_conflict() });
			if (err instanceof DomainError) return fail(400, { error: errorText(err.code, err.params) });
			throw err;
		}
	}
}) satisfies Actions;
