import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { platformSchema } from '$lib/schemas/rollout';
import { requireDepartment } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { formFailure, plainFailure } from '$lib/server/rollout/action-errors';
import {
	getCatalogueEntry,
	setPlatformRetired,
	updatePlatform
} from '$lib/server/rollout/catalogue-admin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const p = await getCatalogueEntry(getDb(), locals.user!, Number(params.platformId));
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

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(platformSchema), { id: 'platform-edit' });
		if (!form.valid) return fail(400, { form });
		try {
			await updatePlatform(getDb(), locals.user!, Number(params.platformId), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version = (form.data.version ?? 0) + 1;
		return message(form, { type: 'success', text: m.saved() });
	},
	retire: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const data = await request.formData();
		const retire = data.get('retire') === '1';
		const version = Number(data.get('version'));
		if (!Number.isSafeInteger(version)) return fail(400, { retire: { error: m.v_invalid() } });
		try {
			await setPlatformRetired(getDb(), locals.user!, Number(params.platformId), retire, version);
		} catch (err) {
			return plainFailure('retire', err);
		}
		return { retire: { ok: true } };
	}
};
