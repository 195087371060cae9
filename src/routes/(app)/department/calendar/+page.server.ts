import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { dayOffSchema, removeDayOffSchema } from '$lib/schemas/calendar';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	savedRedirect
} from '$lib/server/action';
import { addDayOff, currentYear, listDaysOff, removeDayOff } from '$lib/server/calendar/days-off';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('calendar.configure');

/** The province's days off in the current school year (every school's calendar shows them). */
export const load = guardedLoad(scope, async ({ db, departmentId }) => {
	const year = await currentYear(db);
	return {
		year,
		days: await listDaysOff(db, { departmentId }, year.id),
		form: await superValidate(zod4(dayOffSchema), { id: 'day-off', errors: false })
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	add: async (ctx) => {
		const form = await readForm(ctx, dayOffSchema, 'day-off');
		if (!form.valid) return fail(400, { form });
		try {
			await addDayOff(ctx.db, ctx.actor, { departmentId: ctx.departmentId }, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'calendar_added');
	},
	remove: async (ctx) => {
		const data = await readPlainForm(ctx, removeDayOffSchema);
		if (!data) return plainInvalid('days');
		try {
			await removeDayOff(ctx.db, ctx.actor, { departmentId: ctx.departmentId }, data.dayOffId);
		} catch (err) {
			return plainFailure(err, 'days');
		}
		savedRedirect(ctx.event.url, 'calendar_removed');
	}
}) satisfies Actions;
