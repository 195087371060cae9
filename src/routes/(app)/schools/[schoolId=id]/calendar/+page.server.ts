import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { countSchoolDays } from '$lib/calendar/days-off';
import { dayOffSchema, removeDayOffSchema } from '$lib/schemas/calendar';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { addDayOff, currentYear, removeDayOff, schoolDaysOff } from '$lib/server/calendar/days-off';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('calendar.manage');

/** The school's calendar: the department's days off (read only) and the school's own closures. */
export const load = guardedLoad(scope, async ({ db, school }) => {
	const year = await currentYear(db);
	const days = await schoolDaysOff(db, school, year.id);
	return {
		year,
		department: days.filter((d) => d.level === 'department'),
		own: days.filter((d) => d.level === 'school'),
		schoolDays: countSchoolDays(year.startsOn, year.endsOn, year, days),
		form: await superValidate(zod4(dayOffSchema), { id: 'day-off', errors: false })
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	add: async (ctx) => {
		const form = await readForm(ctx, dayOffSchema, 'day-off');
		if (!form.valid) return fail(400, { form });
		try {
			await addDayOff(ctx.db, ctx.actor, { schoolId: ctx.school.id }, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'calendar_added');
	},
	remove: async (ctx) => {
		const data = await readPlainForm(ctx, removeDayOffSchema);
		if (!data) return plainInvalid('days');
		try {
			await removeDayOff(ctx.db, ctx.actor, { schoolId: ctx.school.id }, data.dayOffId);
		} catch (err) {
			return plainFailure(err, 'days');
		}
		savedRedirect(ctx.event.url, 'calendar_removed');
	}
}) satisfies Actions;
