import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { adoptionFiltersSchema, thresholdSchema } from '$lib/schemas/usage';
import {
	departmentScope,
	formFailure,
	guardedActions,
	readForm,
	requestContext,
	savedRedirect
} from '$lib/server/action';
import { listVisibleAreas } from '$lib/server/org/schools';
import { departmentAdoption, heatMapView } from '$lib/server/usage/department-figures';
import { editableThreshold, setThreshold } from '$lib/server/usage/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const filters = adoptionFiltersSchema.parse(Object.fromEntries(event.url.searchParams));
	const [adoption, areas, threshold] = await Promise.all([
		departmentAdoption(
			db,
			principal,
			{ areaId: filters.area, platformCode: filters.platform },
			new Date(),
			{ page: filters.page ?? 1 }
		),
		listVisibleAreas(db, principal),
		editableThreshold(db, principal)
	]);
	const thresholdForm = threshold
		? await superValidate(threshold, zod4(thresholdSchema), { id: 'threshold' })
		: null;
	const { schools: _schools, heatMap: _heatMap, ...figures } = adoption;
	return {
		adoption: figures,
		heatMap: heatMapView(adoption),
		areas,
		filters,
		thresholdForm
	};
};

export const actions = guardedActions(departmentScope('usage.settings'), {
	threshold: async (ctx) => {
		const form = await readForm(ctx, thresholdSchema, 'threshold');
		if (!form.valid) return fail(400, { form });
		try {
			const result = await setThreshold(ctx.db, ctx.principal, form.data);
			form.data.version = result.version;
			const promoted = result.changes.filter((c) => c.to === 'in_use').length;
			const demoted = result.changes.length - promoted;
			savedRedirect(ctx.event.url, 'threshold_saved', { promoted, demoted });
		} catch (err) {
			return formFailure(form, err);
		}
	}
}) satisfies Actions;
