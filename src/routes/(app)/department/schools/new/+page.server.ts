import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { schoolCreateSchema } from '$lib/schemas/org';
import { createSchool, listEditableAreas } from '$lib/server/org/school-edit';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	readForm
} from '$lib/server/action';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('department.schools');

export const load = guardedLoad(scope, async ({ db, principal }) => {
	const areas = await listEditableAreas(db, principal);
	return { form: await superValidate(zod4(schoolCreateSchema), { id: 'school' }), areas };
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = await readForm(ctx, schoolCreateSchema, 'school');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createSchool(ctx.db, ctx.actor, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/schools/${id}?created=1`);
	}
}) satisfies Actions;
