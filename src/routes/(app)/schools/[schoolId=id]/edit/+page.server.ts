import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { schoolEditSchema } from '$lib/schemas/org';
import { listEditableAreas, updateSchool } from '$lib/server/org/school-edit';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	readForm,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('school.edit');

export const load = guardedLoad(scope, async ({ db, principal, school: s }) => {
	const form = await superValidate(
		{
			name: s.name,
			level: s.level,
			areaId: s.area_id,
			commune: s.commune,
			address: s.address,
			principalName: s.principal_name,
			phone: s.phone,
			email: s.email,
			declaredStudents: s.declared_student_count,
			declaredClasses: s.declared_class_count,
			version: s.version
		},
		zod4(schoolEditSchema),
		{ errors: false, id: 'school' }
	);
	return { form, areas: await listEditableAreas(db, principal) };
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = await readForm(ctx, schoolEditSchema, 'school');
		if (!form.valid) return fail(400, { form });
		try {
			form.data.version = await updateSchool(ctx.db, ctx.actor, ctx.school.id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'school_saved');
	}
}) satisfies Actions;
