import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { guardianSchema } from '$lib/schemas/roster';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	readForm,
	schoolScope
} from '$lib/server/action';
import { createGuardian } from '$lib/server/roster/guardians';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('roster.manage');

export const load = guardedLoad(scope, async () => ({
	form: await superValidate(zod4(guardianSchema), { id: 'guardian' })
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = await readForm(ctx, guardianSchema, 'guardian');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createGuardian(ctx.db, ctx.actor, ctx.school.id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/schools/${ctx.school.id}/guardians/${id}?created=1`);
	}
}) satisfies Actions;
