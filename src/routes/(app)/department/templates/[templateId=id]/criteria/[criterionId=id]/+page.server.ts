import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { criterionSchema } from '$lib/schemas/rollout';
import { listCatalogue } from '$lib/server/rollout/catalogue-admin';
import { getTemplate, saveCriterion } from '$lib/server/rollout/templates';
import type { Actions, PageServerLoad } from './$types';
import {
	departmentScope,
	formFailure,
	guardedActions,
	readForm,
	requestContext,
	routeId
} from '$lib/server/action';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const t = await getTemplate(db, principal, routeId(event.params.templateId));
	const c = t.criteria.find((x) => x.id === routeId(event.params.criterionId));
	if (!c) error(404, 'Not found');
	const form = await superValidate(
		{
			groupCode: c.group_code,
			code: c.code,
			titleVi: c.title_vi,
			titleEn: c.title_en,
			guidanceVi: c.guidance_vi,
			guidanceEn: c.guidance_en,
			maxPoints: Number(c.max_points),
			isMandatory: c.is_mandatory,
			evidenceRequired: c.evidence_required,
			dueOffsetDays: c.due_offset_days,
			dueOn: c.due_on,
			platformId: c.platform_id,
			sortOrder: c.sort_order,
			version: t.template.version
		},
		zod4(criterionSchema),
		{ id: 'criterion-edit', errors: false }
	);
	return { template: t.template, criterion: c, platforms: await listCatalogue(db), form };
};

export const actions = guardedActions(departmentScope('rollout.configure'), {
	save: async (ctx) => {
		const form = await readForm(ctx, criterionSchema, 'criterion-edit');
		if (!form.valid) return fail(400, { form });
		const templateId = routeId(ctx.event.params.templateId);
		try {
			const criterionId = routeId(ctx.event.params.criterionId);
			await saveCriterion(ctx.db, ctx.principal, templateId, criterionId, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/templates/${templateId}`);
	}
}) satisfies Actions;
