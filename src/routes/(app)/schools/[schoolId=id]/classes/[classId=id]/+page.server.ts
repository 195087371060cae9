import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { gradesOf } from '$lib/school-levels';
import { classEditSchema } from '$lib/schemas/roster';
import { getClass, setClassActive, updateClass } from '$lib/server/roster/classes';
import {
	formFailure,
	guardedActions,
	readForm,
	requestContext,
	routeId,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { staffOptions } from '$lib/server/roster/lookups';
import { statusAction } from '$lib/server/roster/status-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const schoolId = routeId(event.params.schoolId);
	const cls = await getClass(db, principal, schoolId, routeId(event.params.classId));
	const { school } = await event.parent();
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

export const actions = guardedActions(schoolScope('roster.manage'), {
	save: async (ctx) => {
		const form = await readForm(ctx, classEditSchema, 'class');
		if (!form.valid) return fail(400, { form });
		const classId = routeId(ctx.event.params.classId);
		try {
			form.data.version = await updateClass(ctx.db, ctx.actor, ctx.school.id, classId, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'saved');
	},
	status: statusAction((ctx, version, active) =>
		setClassActive(
			ctx.db,
			ctx.actor,
			ctx.school.id,
			routeId(ctx.event.params.classId),
			version,
			active
		)
	)
}) satisfies Actions;
