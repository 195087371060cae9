import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { gradesOf } from '$lib/school-levels';
import { classSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { createClass } from '$lib/server/roster/classes';
import { rosterSchool } from '$lib/server/roster/context';
import { actorOf, serviceFailure, managedActions } from '$lib/server/roster/form-result';
import { currentSchoolYear, staffOptions } from '$lib/server/roster/lookups';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const school = await rosterSchool(db, locals.user!, Number(params.schoolId));
	return {
		form: await superValidate(zod4(classSchema), { id: 'class' }),
		grades: gradesOf(school.level),
		teachers: await staffOptions(db, school.id),
		year: await currentSchoolYear(db)
	};
};

const routeActions = {
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(classSchema), { id: 'class' });
		if (!form.valid) return fail(400, { form });
		const schoolId = Number(params.schoolId);
		let id: number;
		try {
			id = await createClass(getDb(), actorOf(locals), schoolId, form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		redirect(303, `/schools/${schoolId}/classes/${id}?created=1`);
	}
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
