import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import {
	applySchema,
	criterionDeleteSchema,
	criterionSchema,
	templateRevisionSchema,
	templateStatusSchema
} from '$lib/schemas/rollout';
import { listVisibleAreas } from '$lib/server/org/schools';
import { applyTemplate } from '$lib/server/rollout/apply';
import { listCatalogue } from '$lib/server/rollout/catalogue-admin';
import { createRevision } from '$lib/server/rollout/template-revisions';
import {
	deleteCriterion,
	getTemplate,
	markTemplateVerified,
	saveCriterion,
	setTemplateStatus
} from '$lib/server/rollout/templates';
import { listWaves } from '$lib/server/rollout/waves';
import type { Actions, PageServerLoad } from './$types';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	plainAction,
	readForm,
	type RequestContext,
	routeId,
	savedRedirect
} from '$lib/server/action';

const scope = departmentScope('rollout.configure');
const templateId = (ctx: RequestContext) => routeId(ctx.event.params.templateId);

export const load = guardedLoad(scope, async (ctx) => {
	const { db, principal, departmentId } = ctx;
	const t = await getTemplate(db, principal, templateId(ctx));
	const [platforms, areas, waves, criterionForm, applyForm] = await Promise.all([
		listCatalogue(db),
		listVisibleAreas(db, principal),
		listWaves(db, [departmentId]),
		superValidate(
			{ groupCode: 'management', maxPoints: 0, version: t.template.version, dueOffsetDays: null },
			zod4(criterionSchema),
			{ id: 'criterion-new', errors: false }
		),
		superValidate(zod4(applySchema), { id: 'apply' })
	]);
	return { ...t, platforms, areas, waves, criterionForm, applyForm };
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	addCriterion: async (ctx) => {
		const form = await readForm(ctx, criterionSchema, 'criterion-new');
		if (!form.valid) return fail(400, { form });
		try {
			await saveCriterion(ctx.db, ctx.principal, templateId(ctx), null, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'saved');
	},
	deleteCriterion: plainAction(criterionDeleteSchema, 'template', async (ctx, data) => {
		const { criterionId, version } = data;
		await deleteCriterion(ctx.db, ctx.principal, templateId(ctx), criterionId, version);
		return { saved: 'template_changed' };
	}),
	status: plainAction(templateStatusSchema, 'template', async (ctx, data) => {
		await setTemplateStatus(ctx.db, ctx.principal, templateId(ctx), data.to, data.version);
		return { saved: 'template_changed' };
	}),
	/** the department checked the template against the official text (issue 9, point 3) */
	verify: plainAction(templateRevisionSchema, 'template', async (ctx, data) => {
		const requestId = ctx.actor.requestId ?? null;
		await markTemplateVerified(ctx.db, ctx.principal, templateId(ctx), data.version, requestId);
		return { saved: 'template_changed' };
	}),
	revision: plainAction(templateRevisionSchema, 'template', async (ctx, data) => {
		const id = await createRevision(ctx.db, ctx.principal, templateId(ctx), data.version);
		return { redirect: `/department/templates/${id}` };
	}),
	apply: async (ctx) => {
		const form = await readForm(ctx, applySchema, 'apply');
		if (!form.valid) return fail(400, { form });
		let created: number;
		try {
			created = await applyTemplate(ctx.db, ctx.principal, templateId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'rollout_applied', { count: created });
	}
}) satisfies Actions;
