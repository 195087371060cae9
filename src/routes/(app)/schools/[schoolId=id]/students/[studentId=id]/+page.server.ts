import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { formatDate } from '$lib/dates';
import {
	existingGuardianLinkSchema,
	idSchema,
	newGuardianLinkSchema,
	studentEditSchema
} from '$lib/schemas/roster';
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
import {
	addGuardianToStudent,
	linkGuardianByPhone,
	unlinkGuardian
} from '$lib/server/roster/guardian-links';
import { classOptions, listEthnicities } from '$lib/server/roster/lookups';
import { statusAction } from '$lib/server/roster/status-action';
import { getStudent, setStudentActive, updateStudent } from '$lib/server/roster/students';
import { logPupilRead } from '$lib/server/privacy/access-log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal, actor } = requestContext(event);
	const schoolId = routeId(event.params.schoolId);
	const student = await getStudent(db, principal, schoolId, routeId(event.params.studentId));
	// Privacy (issue 13): a read by staff outside the pupil's classes is logged (a GET, not a
	// failed form's render).
	if (event.request.method === 'GET') await logPupilRead(db, actor, schoolId, student.id);
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

const studentId = (ctx: RequestContext) => routeId(ctx.event.params.studentId);

export const actions = guardedActions(schoolScope('roster.manage'), {
	save: async (ctx) => {
		const form = await readForm(ctx, studentEditSchema, 'student');
		if (!form.valid) return fail(400, { form });
		try {
			const id = studentId(ctx);
			form.data.version = await updateStudent(ctx.db, ctx.actor, ctx.school.id, id, form.data);
			form.data.dateOfBirth = formatDate(form.data.dateOfBirth);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'saved');
	},
	status: statusAction((ctx, version, active) =>
		setStudentActive(ctx.db, ctx.actor, ctx.school.id, studentId(ctx), version, active)
	),
	addGuardian: async (ctx) => {
		const form = await readForm(ctx, newGuardianLinkSchema, 'newGuardian');
		if (!form.valid) return fail(400, { form });
		try {
			await addGuardianToStudent(ctx.db, ctx.actor, ctx.school.id, studentId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'linked');
	},
	linkGuardian: async (ctx) => {
		const form = await readForm(ctx, existingGuardianLinkSchema, 'linkGuardian');
		if (!form.valid) return fail(400, { form });
		try {
			await linkGuardianByPhone(ctx.db, ctx.actor, ctx.school.id, studentId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'linked');
	},
	unlink: async (ctx) => {
		const parsed = idSchema.safeParse(Object.fromEntries(await ctx.event.request.formData()));
		if (!parsed.success) return plainInvalid();
		try {
			await unlinkGuardian(ctx.db, ctx.actor, ctx.school.id, studentId(ctx), parsed.data.id);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'unlinked');
	}
}) satisfies Actions;
