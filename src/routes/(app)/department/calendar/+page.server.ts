import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { dayOffSchema } from '$lib/schemas/calendar';
import { makeUpDaySchema } from '$lib/schemas/calendar-make-up';
import {
	departmentScope,
	guardedActions,
	guardedLoad,
	type RequestContext
} from '$lib/server/action';
import { calendarActions } from '$lib/server/calendar/actions';
import { currentYear, listDaysOff } from '$lib/server/calendar/days-off';
import { listMakeUpDays } from '$lib/server/calendar/make-up-days';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('calendar.configure');

/** The province's days off in the current school year (every school's calendar shows them). */
export const load = guardedLoad(scope, async ({ db, departmentId }) => {
	const year = await currentYear(db);
	const [days, makeUps] = await Promise.all([
		listDaysOff(db, { departmentId }, year.id),
		listMakeUpDays(db, { departmentId }, year.id)
	]);
	return {
		year,
		days,
		makeUps,
		form: await superValidate(zod4(dayOffSchema), { id: 'day-off', errors: false }),
		makeUpForm: await superValidate(zod4(makeUpDaySchema), { id: 'make-up', errors: false })
	};
}) satisfies PageServerLoad;

type Ctx = RequestContext & { departmentId: number };
const owner = (ctx: Ctx) => ({ departmentId: ctx.departmentId });

export const actions = guardedActions(scope, calendarActions<Ctx>(owner)) satisfies Actions;
