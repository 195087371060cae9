import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { guardianEditSchema, idSchema, studentLinkSchema } from '$lib/schemas/roster';
import { accountActions, accountForms } from '$lib/server/roster/account-actions';
import {
	formFailure,
	guardedActions,
	plainFailure,
	plainInvalid,
	readForm,
	type RequestContext,
	requestContext,
	routeId,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { linkStudentByCode, unlinkGuardian } from '$lib/server/roster/guardian-links';
import { getGuardian, setGuardianActive, updateGuardian } from '$lib/server/roster/guardians';
import { statusAction } from '$lib/server/roster/status-action';
import { logGuardianRead } from '$lib/server/privacy/access-log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal, actor } = requestContext(event);
	const schoolId = routeId(event.params.schoolId);
	const guardian = await getGuardian(db, principal, schoolId, routeId(event.params.guardianId));
	// Privacy (issue 13): a read by staff outside the pupil's classes is logged (a GET, not a
	// failed form's render).
	if (event.request.method === 'GET') await logGuardianRead(db, actor, schoolId, guardian.id);
	const form = await superValidate(
		{
			fullName: guardian.full_name,
			phone: guardian.phone,
			email: guardian.email,
			version: guardian.version
		},
		zod4(guardianEditSchema),
		{ errors: false, id: 'guardian' }
	);
	return {
		guardian,
		form,
		linkForm: await superValidate(zod4(studentLinkSchema), { id: 'linkStudent' }),
		...(await accountForms(db, schoolId, 'guardian', guardian))
	};
};

const guardianId = (ctx: RequestContext) => routeId(ctx.event.params.guardianId);

export const actions = guardedActions(schoolScope('roster.manage'), {
	save: async (ctx) => {
		const form = await readForm(ctx, guardianEditSchema, 'guardian');
		if (!form.valid) return fail(400, { form });
		try {
			const id = guardianId(ctx);
			form.data.version = await updateGuardian(ctx.db, ctx.actor, ctx.school.id, id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'saved');
	},
	status: statusAction((ctx, version, active) =>
		setGuardianActive(ctx.db, ctx.actor, ctx.school.id, guardianId(ctx), version, active)
	),
	linkStudent: async (ctx) => {
		const form = await readForm(ctx, studentLinkSchema, 'linkStudent');
		if (!form.valid) return fail(400, { form });
		try {
			await linkStudentByCode(ctx.db, ctx.actor, ctx.school.id, guardianId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'linked');
	},
	unlink: async (ctx) => {
		const parsed = idSchema.safeParse(Object.fromEntries(await ctx.event.request.formData()));
		if (!parsed.success) return plainInvalid();
		try {
			await unlinkGuardian(ctx.db, ctx.actor, ctx.school.id, parsed.data.id, guardianId(ctx));
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'unlinked');
	},
	...accountActions('guardian')
}) satisfies Actions;
