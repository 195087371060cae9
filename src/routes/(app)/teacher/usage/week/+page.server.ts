import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '$lib/dates';
import { parseDate } from '$lib/schemas/common';
import { staffQuerySchema, weekLogSchema } from '$lib/schemas/usage';
import { LOGGABLE_DAYS, notLoggableReason } from '$lib/usage/adoption';
import { addDays, weekStart } from '$lib/dates';
import {
	formFailure,
	guardedActions,
	ownScope,
	readForm,
	requestContext,
	savedRedirect
} from '$lib/server/action';
import { logWeek } from '$lib/server/usage/entries';
import { listOwnEntries, loggingContext } from '$lib/server/usage/teacher';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const { url } = event;
	const today = todayIso();
	const requested = parseDate(url.searchParams.get('week') ?? '');
	const monday = weekStart(requested && requested <= today ? requested : today);
	const sunday = addDays(monday, 6);
	const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({
		day,
		/** null: loggable; else why not, shown beside the day */
		reason: notLoggableReason(day, today)
	}));
	const [schools, entries] = await Promise.all([
		loggingContext(db, principal),
		listOwnEntries(db, principal, { from: monday, to: sunday, pageSize: 200 })
	]);
	const { staff } = staffQuerySchema.parse(Object.fromEntries(url.searchParams));
	const school = schools.find((s) => s.staffId === staff) ?? schools[0] ?? null;
	const form = await superValidate(
		{
			staffId: school?.staffId,
			platformId: school?.platforms[0]?.id,
			classIds: [],
			days: [],
			periods: 1
		},
		zod4(weekLogSchema),
		{ errors: false, id: 'week' }
	);
	return {
		schools,
		school,
		today,
		monday,
		sunday,
		days,
		loggableDays: LOGGABLE_DAYS,
		entries: entries.rows,
		prev: addDays(monday, -7),
		next: addDays(monday, 7) <= today ? addDays(monday, 7) : null,
		form
	};
};

export const actions = guardedActions(ownScope, {
	log: async (ctx) => {
		const form = await readForm(ctx, weekLogSchema, 'week');
		if (!form.valid) return fail(400, { form });
		let count: number;
		try {
			({ count } = await logWeek(ctx.db, ctx.principal, form.data));
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.days = [];
		savedRedirect(ctx.event.url, 'usage_saved_many', { count });
	}
}) satisfies Actions;
