import { redirect } from '@sveltejs/kit';
import { todayIso } from '$lib/dates';
import { parseRollForm, rollQuery } from '$lib/schemas/attendance';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	routeId,
	type Scope
} from '$lib/server/action';
import {
	loadRoll,
	requireRollClass,
	saveRoll,
	type RollClass
} from '$lib/server/grades/attendance';
import type { Actions, PageServerLoad } from './$types';

/** The URL's class, whose roll the caller takes ('class.homeroom'; 404 otherwise). */
const scope: Scope<{ cls: RollClass }> = async (ctx) => ({
	cls: await requireRollClass(ctx.db, ctx.principal, routeId(ctx.event.params.classId))
});

export const load = guardedLoad(scope, async ({ db, cls, event }) => {
	const today = todayIso();
	const { day, session } = rollQuery(event.url, today);
	return {
		cls,
		today,
		roll: await loadRoll(db, cls, day, session),
		saved: event.url.searchParams.get('saved') === '1'
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = parseRollForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!form) return plainInvalid();
		try {
			await saveRoll(ctx.db, ctx.actor, ctx.cls.id, form);
		} catch (err) {
			return plainFailure(err);
		}
		redirect(303, `${ctx.event.url.pathname}?day=${form.day}&session=${form.session}&saved=1`);
	}
}) satisfies Actions;
