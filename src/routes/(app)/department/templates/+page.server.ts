import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { templateSchema } from '$lib/schemas/rollout';
import { requireDepartment } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { formFailure } from '$lib/server/rollout/action-errors';
import { createTemplate } from '$lib/server/rollout/template-revisions';
import { listTemplates } from '$lib/server/rollout/templates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return {
		templates: await listTemplates(getDb(), locals.user!),
		form: await superValidate(zod4(templateSchema), { id: 'template-new' })
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(templateSchema), { id: 'template-new' });
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createTemplate(getDb(), locals.user!, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/templates/${id}`);
	}
};
