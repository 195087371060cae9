import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { actorOf, serviceFailure, managedActions } from '$lib/server/roster/form-result';
import { rosterSchool } from '$lib/server/roster/context';
import { subjectsForSchool } from '$lib/server/roster/lookups';
import { createStaff } from '$lib/server/roster/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const school = await rosterSchool(db, locals.user!, Number(params.schoolId));
	const form = await superValidate(
		{ position: 'teacher' as const, subjectIds: [] },
		zod4(staffSchema),
		{ errors: false, id: 'staff' }
	);
	return { form, subjects: await subjectsForSchool(db, school.level) };
};

const routeActions = {
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(staffSchema), { id: 'staff' });
		if (!form.valid) return fail(400, { form });
		const schoolId = Number(params.schoolId);
		let id: number;
		try {
			id = await createStaff(getDb(), actorOf(locals), schoolId, form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		redirect(303, `/schools/${schoolId}/staff/${id}?created=1`);
	}
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
