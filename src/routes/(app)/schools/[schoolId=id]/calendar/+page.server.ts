import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { countSchoolDaysWith } from '$lib/calendar/school-days';
import { dayOffSchema } from '$lib/schemas/calendar';
import { makeUpDaySchema } from '$lib/schemas/calendar-make-up';
import { guardedActions, guardedLoad, schoolScope, type RequestContext } from '$lib/server/action';
import { calendarActions } from '$lib/server/calendar/actions';
import { currentYear } from '$lib/server/calendar/days-off';
import { loadSchoolCalendar } from '$lib/server/calendar/school-calendar';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('calendar.manage');

/** The school's calendar: the department's days off (read only) and the school's own closures. */
export const load = guardedLoad(scope, async ({ db, school }) => {
	const year = await currentYear(db);
	const cal = await loadSchoolCalendar(db, { schoolId: school.id, schoolYearId: year.id, ...year });
	return {
		year,
		department: cal.offs.filter((d) => d.level === 'department'),
		own: cal.offs.filter((d) => d.level === 'school'),
		departmentMakeUps: cal.makeUps.filter((d) => d.level === 'department'),
		ownMakeUps: cal.makeUps.filter((d) => d.level === 'school'),
		// make-up days counted, closures of the school over the department's make-up days not
		schoolDays: countSchoolDaysWith(year.startsOn, year.endsOn, cal),
		form: await superValidate(zod4(dayOffSchema), { id: 'day-off', errors: false }),
		makeUpForm: await superValidate(zod4(makeUpDaySchema), { id: 'make-up', errors: false })
	};
}) satisfies PageServerLoad;

type Ctx = RequestContext & { school: { id: number } };
const owner = (ctx: Ctx) => ({ schoolId: ctx.school.id });

export const actions = guardedActions(scope, calendarActions<Ctx>(owner)) satisfies Actions;
