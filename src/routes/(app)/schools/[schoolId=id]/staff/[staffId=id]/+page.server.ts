import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffEditSchema } from '$lib/schemas/roster';
import { accountActions, accountForms } from '$lib/server/roster/account-actions';
import { statusAction } from '$lib/server/roster/status-action';
import {
	formFailure,
	guardedActions,
	readForm,
	type RequestContext,
	requestContext,
	routeId,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { subjectsForSchool } from '$lib/server/roster/lookups';
import { getStaff, setStaffActive, updateStaff } from '$lib/server/roster/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const schoolId = routeId(event.params.schoolId);
	const staff = await getStaff(db, principal, schoolId, routeId(event.params.staffId));
	const { school } = await event.parent();
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

const staffId = (ctx: RequestContext) => routeId(ctx.event.params.staffId);

export const actions = guardedActions(schoolScope('roster.manage'), {
	save: async (ctx) => {
		const form = await readForm(ctx, staffEditSchema, 'staff');
		if (!form.valid) return fail(400, { form });
		try {
			const id = staffId(ctx);
			form.data.version = await updateStaff(ctx.db, ctx.actor, ctx.school.id, id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'saved');
	},
	status: statusAction((ctx, version, active) =>
		setStaffActive(ctx.db, ctx.actor, ctx.school.id, staffId(ctx), version, active)
	),
	...accountActions('staff')
}) satisfies Actions;
