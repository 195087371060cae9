import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { dayOffSchema } from '$lib/schemas/calendar';
import {
	departmentScope,
	guardedActions,
	guardedLoad,
	type RequestContext
} from '$lib/server/action';
import { dayOffActions } from '$lib/server/calendar/actions';
import { currentYear, listDaysOff } from '$lib/server/calendar/days-off';
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

export const actions = guardedActions(
	scope,
	dayOffActions<RequestContext & { departmentId: number }>((ctx) => ({
		departmentId: ctx.departmentId
	}))
) satisfies Actions;
