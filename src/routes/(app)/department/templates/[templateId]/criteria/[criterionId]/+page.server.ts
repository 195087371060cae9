import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { criterionSchema } from '$lib/schemas/rollout';
import { requireDepartment } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { formFailure } from '$lib/server/rollout/action-errors';
import { listCatalogue } from '$lib/server/rollout/catalogue-admin';
import { getTemplate, saveCriterion } from '$lib/server/rollout/templates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const t = await getTemplate(db, locals.user!, Number(params.templateId));
	const c = t.criteria.find((x) => x.id === Number(params.criterionId));
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

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(criterionSchema), { id: 'criterion-edit' });
		if (!form.valid) return fail(400, { form });
		try {
			await saveCriterion(
				getDb(),
				locals.user!,
				Number(params.templateId),
				Number(params.criterionId),
				form.data
			);
		} catch (err) {
			return formFailure(form, err);
		}
		redirect(303, `/department/templates/${params.templateId}`);
	}
};
