import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { platformSchema } from '$lib/schemas/rollout';
import { requireDepartment } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { formFailure } from '$lib/server/rollout/action-errors';
import { createPlatform, listCatalogue } from '$lib/server/rollout/catalogue-admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireDepartment(locals.user!, 'rollout.configure');
	return {
		platforms: await listCatalogue(getDb(), { includeRetired: true }),
		form: await superValidate(zod4(platformSchema), { id: 'platform-new' })
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(platformSchema), { id: 'platform-new' });
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createPlatform(getDb(), locals.user!, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/platforms/${id}`);
	}
};
