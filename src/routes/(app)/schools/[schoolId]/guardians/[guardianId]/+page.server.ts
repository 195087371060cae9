import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { guardianEditSchema, idSchema, studentLinkSchema } from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import { accountActions, accountForms } from '$lib/server/roster/account-actions';
import {
	actorOf,
	pathId,
	plainFailure,
	serviceFailure,
	managedActions
} from '$lib/server/roster/form-result';
import { linkStudentByCode, unlinkGuardian } from '$lib/server/roster/guardian-links';
import { getGuardian, setGuardianActive, updateGuardian } from '$lib/server/roster/guardians';
import { statusAction } from '$lib/server/roster/status-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const guardian = await getGuardian(db, locals.user!, schoolId, pathId(params.guardianId));
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

const ids = (params: { schoolId: string; guardianId: string }) => ({
	schoolId: Number(params.schoolId),
	guardianId: pathId(params.guardianId)
});

const routeActions = {
	save: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(guardianEditSchema), { id: 'guardian' });
		if (!form.valid) return fail(400, { form });
		const { schoolId, guardianId } = ids(params);
		try {
			form.data.version = await updateGuardian(
				getDb(),
				actorOf(locals),
				schoolId,
				guardianId,
				form.data
			);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.saved() });
	},
	status: statusAction((event, version, active) => {
		const { schoolId, guardianId } = ids(event.params);
		return setGuardianActive(getDb(), actorOf(event.locals), schoolId, guardianId, version, active);
	}),
	linkStudent: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(studentLinkSchema), { id: 'linkStudent' });
		if (!form.valid) return fail(400, { form });
		const { schoolId, guardianId } = ids(params);
		try {
			await linkStudentByCode(getDb(), actorOf(locals), schoolId, guardianId, form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.roster_linked() });
	},
	unlink: async ({ request, locals, params }) => {
		const parsed = idSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return plainFailure(null, 400);
		const { schoolId, guardianId } = ids(params);
		try {
			await unlinkGuardian(getDb(), actorOf(locals), schoolId, parsed.data.id, guardianId);
		} catch (err) {
			return plainFailure(err);
		}
		return { done: m.roster_unlinked() };
	},
	...accountActions('guardian')
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
