import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffSchema } from '$lib/schemas/roster';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	readForm,
	schoolScope
} from '$lib/server/action';
import { subjectsForSchool } from '$lib/server/roster/lookups';
import { createStaff } from '$lib/server/roster/staff';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('roster.manage');

export const load = guardedLoad(scope, async ({ db, school }) => {
	const form = await superValidate(
		{ position: 'teacher' as const, subjectIds: [] },
		zod4(staffSchema),
		{ errors: false, id: 'staff' }
	);
	return { form, subjects: await subjectsForSchool(db, school.level) };
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = await readForm(ctx, staffSchema, 'staff');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createStaff(ctx.db, ctx.actor, ctx.school.id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/schools/${ctx.school.id}/staff/${id}?created=1`);
	}
}) satisfies Actions;
