import { redirect, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '$lib/dates';
import { absenceFormSchema } from '$lib/schemas/timetable';
import { formFailure, guardedActions, guardedLoad, schoolScope } from '$lib/server/action';
import { staffOptions } from '$lib/server/roster/lookups';
import { listAbsences, recordAbsence } from '$lib/server/timetable/cover';
import { weekSettings } from '$lib/server/timetable/queries';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

/** Record a teacher's absence; the absences from today on with how many lessons are covered. */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const today = todayIso();
	const [absences, teachers, settings] = await Promise.all([
		listAbsences(db, school.id, today),
		staffOptions(db, school.id),
		weekSettings(db, school.id)
	]);
	const form = await superValidate(zod4(absenceFormSchema), { id: 'absence', errors: false });
	form.data.startsOn = today as never;
	form.data.endsOn = today as never;
	return {
		form,
		absences: absences.map((a) => ({ ...a, covers: Number(a.covers) })),
		teachers,
		periodsPerDay: settings.periodsPerSession * (settings.sessions === 'both' ? 2 : 1),
		deleted: event.url.searchParams.has('deleted')
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		// the ticked periods are read here: superforms takes one value of a transformed array
		const posted = await ctx.event.request.formData();
		const fields = Object.fromEntries([...posted.keys()].map((k) => [k, posted.get(k)]));
		const form = await superValidate(
			{
				...fields,
				periods: posted.getAll('periods').map((v) => (typeof v === 'string' ? v : ''))
			},
			zod4(absenceFormSchema),
			{ id: 'absence' }
		);
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await recordAbsence(ctx.db, ctx.actor, ctx.school.id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/schools/${ctx.school.id}/timetable/cover/${id}`);
	}
}) satisfies Actions;
