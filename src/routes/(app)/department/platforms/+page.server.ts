import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { platformSchema } from '$lib/schemas/rollout';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	readForm
} from '$lib/server/action';
import { createPlatform, listCatalogue } from '$lib/server/rollout/catalogue-admin';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('rollout.configure');

export const load = guardedLoad(scope, async ({ db }) => ({
	platforms: await listCatalogue(db, { includeRetired: true }),
	form: await superValidate(zod4(platformSchema), { id: 'platform-new' })
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	create: async (ctx) => {
		const form = await readForm(ctx, platformSchema, 'platform-new');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createPlatform(ctx.db, ctx.principal, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/platforms/${id}`);
	}
}) satisfies Actions;
