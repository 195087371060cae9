import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { schoolPlatformSchema } from '$lib/schemas/rollout';
import { rolloutRights } from '$lib/server/rollout/rights';
import {
	getSchoolPlatform,
	listSchoolStaffOptions,
	updateSchoolPlatform
} from '$lib/server/rollout/school-platforms';
import type { Actions, PageServerLoad } from './$types';
import {
	formFailure,
	guardedActions,
	readForm,
	requestContext,
	routeId,
	savedRedirect,
	schoolScope
} from '$lib/server/action';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const schoolId = routeId(event.params.schoolId);
	const row = await getSchoolPlatform(db, principal, schoolId, routeId(event.params.platformId));
	const rights = await rolloutRights(db, principal, schoolId);
	const editable = rights.canEdit && !row.retired_at;
	return {
		row,
		rights,
		staff: editable ? await listSchoolStaffOptions(db, schoolId) : [],
		form: editable
			? await superValidate(
					{
						status: row.status,
						vendor: row.vendor,
						goLiveOn: row.go_live_on,
						evidenceUrl: row.evidence_url,
						responsibleStaffId: row.responsible_staff_id,
						note: row.note,
						changeNote: null,
						version: row.version
					},
					zod4(schoolPlatformSchema),
					{ id: 'platform', errors: false }
				)
			: null
	};
};

export const actions = guardedActions(schoolScope('rollout.edit'), {
	save: async (ctx) => {
		const form = await readForm(ctx, schoolPlatformSchema, 'platform');
		if (!form.valid) return fail(400, { form });
		let version: number;
		try {
			const platformId = routeId(ctx.event.params.platformId);
			const { db, principal, school } = ctx;
			const r = await updateSchoolPlatform(db, principal, school.id, platformId, form.data);
			version = r.version;
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version = version;
		form.data.changeNote = null;
		savedRedirect(ctx.event.url, 'saved');
	}
}) satisfies Actions;
