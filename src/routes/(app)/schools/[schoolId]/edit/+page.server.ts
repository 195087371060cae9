import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { schoolEditSchema } from '$lib/schemas/org';
import { requireSchool } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { listEditableAreas, updateSchool } from '$lib/server/org/school-edit';
import { actorOf, serviceFailure, managedActions } from '$lib/server/roster/form-result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const s = await requireSchool(db, locals.user!, Number(params.schoolId), 'school.edit');
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
			version: s.version
		},
		zod4(schoolEditSchema),
		{ errors: false, id: 'school' }
	);
	return { form, areas: await listEditableAreas(db, locals.user!) };
};

const routeActions = {
	default: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(schoolEditSchema), { id: 'school' });
		if (!form.valid) return fail(400, { form });
		try {
			form.data.version = await updateSchool(
				getDb(),
				actorOf(locals),
				Number(params.schoolId),
				form.data
			);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.org_school_saved() });
	}
} satisfies Actions;

export const actions: Actions = managedActions(routeActions, 'school.edit');
