import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { todayIso } from '$lib/format';
import { parseDate } from '$lib/schemas/common';
import { weekLogSchema } from '$lib/schemas/usage';
import { addDays, isLoggableDay, weekStart } from '$lib/usage/adoption';
import { getDb } from '$lib/server/db';
import { logWeek } from '$lib/server/usage/entries';
import { formFailure } from '$lib/server/usage/forms';
import { listOwnEntries, loggingContext } from '$lib/server/usage/teacher';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = getDb();
	const today = todayIso();
	const requested = parseDate(url.searchParams.get('week') ?? '');
	const monday = weekStart(requested && requested <= today ? requested : today);
	const sunday = addDays(monday, 6);
	const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({
		day,
		loggable: isLoggableDay(day, today)
	}));
	const [schools, entries] = await Promise.all([
		loggingContext(db, locals.user!),
		listOwnEntries(db, locals.user!, { from: monday, to: sunday, pageSize: 200 })
	]);
	const school =
		schools.find((s) => s.staffId === Number(url.searchParams.get('staff'))) ?? schools[0] ?? null;
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
		entries: entries.rows,
		prev: addDays(monday, -7),
		next: addDays(monday, 7) <= today ? addDays(monday, 7) : null,
		form
	};
};

export const actions: Actions = {
	log: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(weekLogSchema), { id: 'week' });
		if (!form.valid) return fail(400, { form });
		let count: number;
		try {
			({ count } = await logWeek(getDb(), locals.user!, form.data));
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.days = [];
		return message(form, { type: 'success', text: m.usage_saved_many({ count: String(count) }) });
	}
};
