import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { studentSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { rosterSchool } from '$lib/server/roster/context';
import { actorOf, serviceFailure, managedActions } from '$lib/server/roster/form-result';
import { classOptions, listEthnicities } from '$lib/server/roster/lookups';
import { createStudent } from '$lib/server/roster/students';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = getDb();
	const school = await rosterSchool(db, locals.user!, Number(params.schoolId));
	const classId = Number(url.searchParams.get('classId')) || null;
	return {
		form: await superValidate({ classId, ethnicityCode: '01' }, zod4(studentSchema), {
			errors: false,
			id: 'student'
		}),
		classes: await classOptions(db, school.id),
		ethnicities: await listEthnicities(db)
	};
};

const routeActions = {
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(studentSchema), { id: 'student' });
		if (!form.valid) return fail(400, { form });
		const schoolId = Number(params.schoolId);
		let id: number;
		try {
			id = await createStudent(getDb(), actorOf(locals), schoolId, form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		redirect(303, `/schools/${schoolId}/students/${id}?created=1`);
	}
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
