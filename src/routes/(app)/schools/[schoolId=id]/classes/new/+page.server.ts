import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { gradesOf } from '$lib/school-levels';
import { classSchema } from '$lib/schemas/roster';
import { createClass } from '$lib/server/roster/classes';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	readForm,
	schoolScope
} from '$lib/server/action';
import { currentSchoolYear, staffOptions } from '$lib/server/roster/lookups';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('roster.manage');

export const load = guardedLoad(scope, async ({ db, school }) => {
	return {
		form: await superValidate(zod4(classSchema), { id: 'class' }),
		grades: gradesOf(school.level),
		teachers: await staffOptions(db, school.id),
		year: await currentSchoolYear(db)
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = await readForm(ctx, classSchema, 'class');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createClass(ctx.db, ctx.actor, ctx.school.id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/schools/${ctx.school.id}/classes/${id}?created=1`);
	}
}) satisfies Actions;
