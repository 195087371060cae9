import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { schoolCreateSchema } from '$lib/schemas/org';
import { getDb } from '$lib/server/db';
import { createSchool, listEditableAreas } from '$lib/server/org/school-edit';
import { actorOf, serviceFailure } from '$lib/server/roster/form-result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const areas = await listEditableAreas(getDb(), locals.user!);
	return { form: await superValidate(zod4(schoolCreateSchema), { id: 'school' }), areas };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(schoolCreateSchema), { id: 'school' });
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createSchool(getDb(), actorOf(locals), form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		redirect(303, `/schools/${id}?created=1`);
	}
};
