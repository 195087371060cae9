import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { waveSchema } from '$lib/schemas/rollout';
import { requireDepartment } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { formFailure } from '$lib/server/rollout/action-errors';
import { createWave, listWaves } from '$lib/server/rollout/waves';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const departmentId = requireDepartment(locals.user!, 'rollout.configure');
	return {
		waves: await listWaves(getDb(), [departmentId]),
		form: await superValidate(zod4(waveSchema), { id: 'wave-new' })
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(waveSchema), { id: 'wave-new' });
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createWave(getDb(), locals.user!, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/waves/${id}`);
	}
};
