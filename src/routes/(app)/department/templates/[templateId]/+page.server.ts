import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { applySchema, criterionSchema } from '$lib/schemas/rollout';
import { requireDepartment } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { listVisibleAreas } from '$lib/server/org/schools';
import { formFailure, plainFailure } from '$lib/server/rollout/action-errors';
import { applyTemplate } from '$lib/server/rollout/apply';
import { listCatalogue } from '$lib/server/rollout/catalogue-admin';
import { createRevision } from '$lib/server/rollout/template-revisions';
import {
	deleteCriterion,
	getTemplate,
	saveCriterion,
	setTemplateStatus
} from '$lib/server/rollout/templates';
import { listWaves } from '$lib/server/rollout/waves';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const departmentId = requireDepartment(locals.user!, 'rollout.configure');
	const t = await getTemplate(db, locals.user!, Number(params.templateId));
	const [platforms, areas, waves, criterionForm, applyForm] = await Promise.all([
		listCatalogue(db),
		listVisibleAreas(db, locals.user!),
		listWaves(db, [departmentId]),
		superValidate(
			{ groupCode: 'management', maxPoints: 0, version: t.template.version, dueOffsetDays: null },
			zod4(criterionSchema),
			{ id: 'criterion-new', errors: false }
		),
		superValidate(zod4(applySchema), { id: 'apply' })
	]);
	return { ...t, platforms, areas, waves, criterionForm, applyForm };
};

const templateId = (params: { templateId: string }) => Number(params.templateId);

export const actions: Actions = {
	addCriterion: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(criterionSchema), { id: 'criterion-new' });
		if (!form.valid) return fail(400, { form });
		try {
			await saveCriterion(getDb(), locals.user!, templateId(params), null, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		return message(form, { type: 'success', text: m.saved() });
	},
	deleteCriterion: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const data = await request.formData();
		try {
			await deleteCriterion(
				getDb(),
				locals.user!,
				templateId(params),
				Number(data.get('criterionId')),
				Number(data.get('version'))
			);
		} catch (err) {
			return plainFailure('template', err);
		}
		return { template: { ok: true } };
	},
	status: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const data = await request.formData();
		const to = data.get('to') === 'retired' ? 'retired' : 'published';
		try {
			await setTemplateStatus(
				getDb(),
				locals.user!,
				templateId(params),
				to,
				Number(data.get('version'))
			);
		} catch (err) {
			return plainFailure('template', err);
		}
		return { template: { ok: true } };
	},
	revision: async ({ locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const id = await createRevision(getDb(), locals.user!, templateId(params));
		redirect(303, `/department/templates/${id}`);
	},
	apply: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(applySchema), { id: 'apply' });
		if (!form.valid) return fail(400, { form });
		let created: number;
		try {
			created = await applyTemplate(getDb(), locals.user!, templateId(params), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		return message(form, { type: 'success', text: m.rollout_applied({ count: String(created) }) });
	}
};
