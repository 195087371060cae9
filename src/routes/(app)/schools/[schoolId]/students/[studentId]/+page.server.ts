import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import {
	existingGuardianLinkSchema,
	idSchema,
	newGuardianLinkSchema,
	studentEditSchema
} from '$lib/schemas/roster';
import { getDb } from '$lib/server/db';
import {
	actorOf,
	pathId,
	plainFailure,
	serviceFailure,
	managedActions
} from '$lib/server/roster/form-result';
import {
	addGuardianToStudent,
	linkGuardianByPhone,
	unlinkGuardian
} from '$lib/server/roster/guardian-links';
import { classOptions, listEthnicities } from '$lib/server/roster/lookups';
import { statusAction } from '$lib/server/roster/status-action';
import { getStudent, setStudentActive, updateStudent } from '$lib/server/roster/students';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const student = await getStudent(db, locals.user!, schoolId, pathId(params.studentId));
	const form = await superValidate(
		{
			code: student.code,
			fullName: student.full_name,
			dateOfBirth: student.date_of_birth ? formatDate(student.date_of_birth) : '',
			gender: student.gender,
			ethnicityCode: student.ethnicity_code,
			classId: student.class_id,
			version: student.version
		},
		zod4(studentEditSchema),
		{ errors: false, id: 'student' }
	);
	// The schema turns dd/mm/yyyy into yyyy-mm-dd; the form shows the Vietnamese order.
	form.data.dateOfBirth = student.date_of_birth ? formatDate(student.date_of_birth) : '';
	return {
		student,
		form,
		newGuardianForm: await superValidate(zod4(newGuardianLinkSchema), { id: 'newGuardian' }),
		linkForm: await superValidate(zod4(existingGuardianLinkSchema), { id: 'linkGuardian' }),
		classes: await classOptions(db, schoolId),
		ethnicities: await listEthnicities(db)
	};
};

const ids = (params: { schoolId: string; studentId: string }) => ({
	schoolId: Number(params.schoolId),
	studentId: pathId(params.studentId)
});

const routeActions = {
	save: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(studentEditSchema), { id: 'student' });
		if (!form.valid) return fail(400, { form });
		const { schoolId, studentId } = ids(params);
		try {
			form.data.version = await updateStudent(
				getDb(),
				actorOf(locals),
				schoolId,
				studentId,
				form.data
			);
			form.data.dateOfBirth = formatDate(form.data.dateOfBirth);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.saved() });
	},
	status: statusAction((event, version, active) => {
		const { schoolId, studentId } = ids(event.params);
		return setStudentActive(getDb(), actorOf(event.locals), schoolId, studentId, version, active);
	}),
	addGuardian: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(newGuardianLinkSchema), { id: 'newGuardian' });
		if (!form.valid) return fail(400, { form });
		const { schoolId, studentId } = ids(params);
		try {
			await addGuardianToStudent(getDb(), actorOf(locals), schoolId, studentId, form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.roster_linked() });
	},
	linkGuardian: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(existingGuardianLinkSchema), {
			id: 'linkGuardian'
		});
		if (!form.valid) return fail(400, { form });
		const { schoolId, studentId } = ids(params);
		try {
			await linkGuardianByPhone(getDb(), actorOf(locals), schoolId, studentId, form.data);
		} catch (err) {
			return serviceFailure(form, err);
		}
		return message(form, { type: 'success', text: m.roster_linked() });
	},
	unlink: async ({ request, locals, params }) => {
		const parsed = idSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return plainFailure(null, 400);
		const { schoolId, studentId } = ids(params);
		try {
			await unlinkGuardian(getDb(), actorOf(locals), schoolId, studentId, parsed.data.id);
		} catch (err) {
			return plainFailure(err);
		}
		return { done: m.roster_unlinked() };
	}
} satisfies Actions;

export const actions: Actions = managedActions(routeActions);
