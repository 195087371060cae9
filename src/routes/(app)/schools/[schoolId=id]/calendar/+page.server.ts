import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { countSchoolDays } from '$lib/calendar/days-off';
import { dayOffSchema } from '$lib/schemas/calendar';
import { guardedActions, guardedLoad, schoolScope, type RequestContext } from '$lib/server/action';
import { dayOffActions } from '$lib/server/calendar/actions';
import { currentYear, schoolDaysOff } from '$lib/server/calendar/days-off';
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

export const actions = guardedActions(
	scope,
	dayOffActions<RequestContext & { school: { id: number } }>((ctx) => ({ schoolId: ctx.school.id }))
) satisfies Actions;
