import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { gradesOf } from '$lib/school-levels';
import { classEditSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { getClass, setClassActive, updateClass } from '$lib/server/roster/classes';
import { actorOf, pathId, serviceFailure, managedActions } from '$lib/server/roster/form-result';
import { staffOptions } from '$lib/server/roster/lookups';
import { statusAction } from '$lib/server/roster/status-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const cls = await getClass(db, locals.user!, schoolId, pathId(params.classId));
	const { school } = await parent();
	const form = await superValidate(
		{
			grade: cls.grade,
			name: cls.name,
			homeroomStaffId: cls.homeroom_staff_id,
			version: cls.version
		},
		zod4(classEditSchema),
		{ errors: false, id: 'class' }
	);
	return {
		cls,
		form,
		grades: gradesOf(school.level),
		teachers: await staffOptions(db, schoolId)
	};
};

const routeActions = {
	save: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(classEditSchema), { id: 'class' });
		if (!form.valid) return fail(400, { form });
		try {
			form.data.version = await updateClass(
				getDb(),
				actorOf(locals),
				Number(params.schoolId),
				pathId(params.classId),
				form.data
			);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.saved() });
	},
	status: statusAction((event, version, active) =>
		setClassActive(
			getDb(),
			actorOf(event.locals),
			Number(event.params.schoolId),
			pathId(event.params.classId),
			version,
			active
		)
	)
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
