import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { guardianSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { rosterSchool } from '$lib/server/roster/context';
import { actorOf, serviceFailure, managedActions } from '$lib/server/roster/form-result';
import { createGuardian } from '$lib/server/roster/guardians';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await rosterSchool(getDb(), locals.user!, Number(params.schoolId));
	return { form: await superValidate(zod4(guardianSchema), { id: 'guardian' }) };
};

const routeActions = {
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(guardianSchema), { id: 'guardian' });
		if (!form.valid) return fail(400, { form });
		const schoolId = Number(params.schoolId);
		let id: number;
		try {
			id = await createGuardian(getDb(), actorOf(locals), schoolId, form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		redirect(303, `/schools/${schoolId}/guardians/${id}?created=1`);
	}
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
