import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { adoptionFiltersSchema, thresholdSchema } from '$lib/schemas/usage';
import { getDb } from '$lib/server/db';
import { listVisibleAreas } from '$lib/server/org/schools';
import { departmentAdoption, heatMapView } from '$lib/server/usage/department-figures';
import { formFailure } from '$lib/server/usage/forms';
import { editableThreshold, setThreshold } from '$lib/server/usage/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = getDb();
	const filters = adoptionFiltersSchema.parse(Object.fromEntries(url.searchParams));
	const [adoption, areas, threshold] = await Promise.all([
		departmentAdoption(db, locals.user!, { areaId: filters.area, platformCode: filters.platform }),
		listVisibleAreas(db, locals.user!),
		editableThreshold(db, locals.user!)
	]);
	const thresholdForm = threshold
		? await superValidate(threshold, zod4(thresholdSchema), { id: 'threshold' })
		: null;
	const { schools: _schools, ...figures } = adoption;
	return { adoption: figures, heatMap: heatMapView(adoption), areas, filters, thresholdForm };
};

export const actions: Actions = {
	threshold: async ({ request, locals }) => {
		if (!(await editableThreshold(getDb(), locals.user!))) error(404, 'Not found');
		const form = await superValidate(request, zod4(thresholdSchema), { id: 'threshold' });
		if (!form.valid) return fail(400, { form });
		try {
			const result = await setThreshold(getDb(), locals.user!, form.data);
			form.data.version = result.version;
			const promoted = result.changes.filter((c) => c.to === 'in_use').length;
			const demoted = result.changes.length - promoted;
			return message(form, {
				type: 'success',
				text: m.usage_threshold_saved({ promoted: String(promoted), demoted: String(demoted) })
			});
		} catch (err) {
			return formFailure(form, err);
		}
	}
};
