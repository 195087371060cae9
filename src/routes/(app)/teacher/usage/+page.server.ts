import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { todayIso } from '$lib/format';
import { quickLogSchema } from '$lib/schemas/usage';
import { LOGGABLE_DAYS, windowStart } from '$lib/usage/adoption';
import { getDb } from '$lib/server/db';
import { logEntry, repeatLastEntry } from '$lib/server/usage/entries';
import { formFailure, plainFailure } from '$lib/server/usage/forms';
import {
	findLastEntry,
	listOwnEntries,
	loggingContext,
	personalFigures
} from '$lib/server/usage/teacher';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = getDb();
	const principal = locals.user!;
	const schools = await loggingContext(db, principal);
	const school =
		schools.find((s) => s.staffId === Number(url.searchParams.get('staff'))) ?? schools[0] ?? null;
	const today = todayIso();
	const [figures, recent, last, form] = await Promise.all([
		personalFigures(db, principal),
		listOwnEntries(db, principal, { pageSize: 5 }),
		findLastEntry(db, principal),
		superValidate(
			{
				staffId: school?.staffId,
				platformId: school?.platforms[0]?.id,
				date: today,
				classIds: []
			},
			zod4(quickLogSchema),
			{ errors: false, id: 'log' }
		)
	]);
	return {
		schools,
		school,
		today,
		minDate: windowStart(today, LOGGABLE_DAYS),
		form,
		figures,
		recent: recent.rows,
		last,
		logged: url.searchParams.has('logged')
	};
};

export const actions: Actions = {
	log: async ({ request, locals }) => {
		const data = await request.formData();
		const form = await superValidate(data, zod4(quickLogSchema), { id: 'log' });
		if (!form.valid) return fail(400, { form });
		try {
			await logEntry(getDb(), locals.user!, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		// The quick-log card of the teacher's home posts here and comes back to this page.
		if (data.get('from') === 'home') redirect(303, '/teacher/usage?logged=1');
		const { staffId, platformId } = form.data;
		form.data = { ...form.data, staffId, platformId, classIds: [], note: null };
		form.data.periods = undefined;
		form.data.minutes = undefined;
		form.data.students = undefined;
		return message(form, { type: 'success', text: m.usage_saved() });
	},
	repeat: async ({ locals }) => {
		try {
			const result = await repeatLastEntry(getDb(), locals.user!);
			if (!result) return fail(400, { repeatError: m.usage_nothing_to_repeat() });
		} catch (err) {
			const failure = plainFailure(err);
			return fail(failure.status, { repeatError: failure.data.error });
		}
		return { repeated: true };
	}
};
