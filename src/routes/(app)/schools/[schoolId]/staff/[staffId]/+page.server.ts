import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { staffEditSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { accountActions, accountForms } from '$lib/server/roster/account-actions';
import { statusAction } from '$lib/server/roster/status-action';
import { actorOf, pathId, serviceFailure, managedActions } from '$lib/server/roster/form-result';
import { subjectsForSchool } from '$lib/server/roster/lookups';
import { getStaff, setStaffActive, updateStaff } from '$lib/server/roster/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const staff = await getStaff(db, locals.user!, schoolId, pathId(params.staffId));
	const { school } = await parent();
	const form = await superValidate(
		{
			code: staff.code,
			fullName: staff.full_name,
			email: staff.email,
			phone: staff.phone,
			position: staff.position,
			subjectIds: staff.subjectIds,
			version: staff.version
		},
		zod4(staffEditSchema),
		{ errors: false, id: 'staff' }
	);
	return {
		staff,
		form,
		subjects: await subjectsForSchool(db, school.level),
		...(await accountForms(db, schoolId, 'staff', staff))
	};
};

const routeActions = {
	save: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(staffEditSchema), { id: 'staff' });
		if (!form.valid) return fail(400, { form });
		try {
			form.data.version = await updateStaff(
				getDb(),
				actorOf(locals),
				Number(params.schoolId),
				pathId(params.staffId),
				form.data
			);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.saved() });
	},
	status: statusAction((event, version, active) =>
		setStaffActive(
			getDb(),
			actorOf(event.locals),
			Number(event.params.schoolId),
			pathId(event.params.staffId),
			version,
			active
		)
	),
	...accountActions('staff')
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
