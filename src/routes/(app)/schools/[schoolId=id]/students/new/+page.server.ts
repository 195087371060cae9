import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { studentSchema } from '$lib/schemas/roster';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	readForm,
	schoolScope
} from '$lib/server/action';
import { classOptions, listEthnicities } from '$lib/server/roster/lookups';
import { createStudent } from '$lib/server/roster/students';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('roster.manage');
/** `?classId=` preselects the class (from a class page); anything else is ignored. */
const query = z.object({ classId: z.coerce.number().int().min(1).max(2_147_483_647).catch(0) });

export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const classId = query.parse(Object.fromEntries(event.url.searchParams)).classId || null;
	return {
		form: await superValidate({ classId, ethnicityCode: '01' }, zod4(studentSchema), {
			errors: false,
			id: 'student'
		}),
		classes: await classOptions(db, school.id),
		ethnicities: await listEthnicities(db)
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = await readForm(ctx, studentSchema, 'student');
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = await createStudent(ctx.db, ctx.actor, ctx.school.id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/schools/${ctx.school.id}/students/${id}?created=1`);
	}
}) satisfies Actions;
