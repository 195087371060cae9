import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { templateSchema } from '$lib/schemas/rollout';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	readForm
} from '$lib/server/action';
import { createTemplate } from '$lib/server/rollout/template-revisions';
import { listTemplates } from '$lib/server/rollout/templates';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('rollout.configure');

export const load = guardedLoad(scope, async ({ db, principal }) => ({
	templates: await listTemplates(db, principal),
	form: await superValidate(zod4(templateSchema), { id: 'template-new' })
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	create: async (ctx) => {
		const form = await readForm(ctx, templateSchema, 'template-new');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createTemplate(ctx.db, ctx.principal, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/templates/${id}`);
	}
}) satisfies Actions;
