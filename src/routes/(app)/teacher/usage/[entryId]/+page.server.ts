import { error, fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { todayIso } from '$lib/format';
import { entryEditSchema } from '$lib/schemas/usage';
import { LOGGABLE_DAYS, windowStart } from '$lib/usage/adoption';
import { idParam } from '$lib/server/api/http';
import { getDb } from '$lib/server/db';
import { deleteEntry, updateEntry } from '$lib/server/usage/entries';
import { formFailure, plainFailure } from '$lib/server/usage/forms';
import { findOwnEntry, loggingContext } from '$lib/server/usage/teacher';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const id = idParam(params.entryId);
	const entry = id === null ? null : await findOwnEntry(db, locals.user!, id);
	if (!entry) error(404, 'Not found');
	const schools = await loggingContext(db, locals.user!);
	const school = schools.find((s) => s.staffId === entry.staff_id) ?? null;
	const today = todayIso();
	const form = await superValidate(
		{
			staffId: entry.staff_id,
			platformId: entry.platform_id,
			date: entry.occurred_on,
			classIds: entry.class_ids,
			periods: entry.periods ?? undefined,
			minutes: entry.periods ? undefined : (entry.minutes ?? undefined),
			students: entry.students ?? undefined,
			note: entry.note,
			version: entry.version
		},
		zod4(entryEditSchema),
		{ errors: false, id: 'edit' }
	);
	const earliest = windowStart(today, LOGGABLE_DAYS);
	return {
		entry,
		school,
		form,
		today,
		minDate: entry.occurred_on < earliest ? entry.occurred_on : earliest
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(entryEditSchema), { id: 'edit' });
		if (!form.valid) return fail(400, { form });
		const id = idParam(params.entryId);
		if (id === null) error(404, 'Not found');
		try {
			await updateEntry(getDb(), locals.user!, id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version += 1;
		return message(form, { type: 'success', text: m.usage_updated() });
	},
	delete: async ({ locals, params }) => {
		const id = idParam(params.entryId);
		if (id === null) error(404, 'Not found');
		try {
			await deleteEntry(getDb(), locals.user!, id);
		} catch (err) {
			return plainFailure(err);
		}
		redirect(303, '/teacher/usage/history');
	}
};
