import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { platformRetireSchema, platformSchema } from '$lib/schemas/rollout';
import {
	getCatalogueEntry,
	setPlatformRetired,
	updatePlatform
} from '$lib/server/rollout/catalogue-admin';
import type { Actions, PageServerLoad } from './$types';
import {
	departmentScope,
	formFailure,
	guardedActions,
	plainAction,
	readForm,
	type RequestContext,
	requestContext,
	routeId,
	savedRedirect
} from '$lib/server/action';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const p = await getCatalogueEntry(db, principal, routeId(event.params.platformId));
	const form = await superValidate(
		{
			code: p.code,
			nameVi: p.name_vi,
			nameEn: p.name_en,
			group: p.group_code,
			descriptionVi: p.description_vi,
			descriptionEn: p.description_en,
			howToVi: p.how_to_vi,
			howToEn: p.how_to_en,
			requirementsVi: p.requirements_vi,
			requirementsEn: p.requirements_en,
			vendors: p.suggested_vendors,
			sortOrder: p.sort_order,
			version: p.version
		},
		zod4(platformSchema),
		{ id: 'platform-edit', errors: false }
	);
	return { platform: p, form };
};

const platformId = (ctx: RequestContext) => routeId(ctx.event.params.platformId);

export const actions = guardedActions(departmentScope('rollout.configure'), {
	save: async (ctx) => {
		const form = await readForm(ctx, platformSchema, 'platform-edit');
		if (!form.valid) return fail(400, { form });
		try {
			await updatePlatform(ctx.db, ctx.principal, platformId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version = (form.data.version ?? 0) + 1;
		savedRedirect(ctx.event.url, 'saved');
	},
	retire: plainAction(platformRetireSchema, 'retire', async (ctx, data) => {
		const retire = data.retire === '1';
		await setPlatformRetired(ctx.db, ctx.principal, platformId(ctx), retire, data.version);
		return { saved: 'platform_retired' };
	})
}) satisfies Actions;
