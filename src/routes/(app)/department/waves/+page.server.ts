import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { waveSchema } from '$lib/schemas/rollout';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	readForm
} from '$lib/server/action';
import { createWave, listWaves } from '$lib/server/rollout/waves';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('rollout.configure');

export const load = guardedLoad(scope, async ({ db, departmentId }) => ({
	waves: await listWaves(db, [departmentId]),
	form: await superValidate(zod4(waveSchema), { id: 'wave-new' })
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	create: async (ctx) => {
		const form = await readForm(ctx, waveSchema, 'wave-new');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createWave(ctx.db, ctx.principal, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/waves/${id}`);
	}
}) satisfies Actions;
