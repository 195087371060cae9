import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { schoolPlatformSchema } from '$lib/schemas/rollout';
import { getDb } from '$lib/server/db';
import { formFailure } from '$lib/server/rollout/action-errors';
import { requireAnyOf, rolloutRights } from '$lib/server/rollout/rights';
import {
	getSchoolPlatform,
	listSchoolStaffOptions,
	updateSchoolPlatform
} from '$lib/server/rollout/school-platforms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const row = await getSchoolPlatform(db, locals.user!, schoolId, Number(params.platformId));
	const rights = await rolloutRights(db, locals.user!, schoolId);
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

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		await requireAnyOf(getDb(), locals.user!, Number(params.schoolId), 'rollout.edit');
		const form = await superValidate(request, zod4(schoolPlatformSchema), { id: 'platform' });
		if (!form.valid) return fail(400, { form });
		let version: number;
		try {
			const r = await updateSchoolPlatform(
				getDb(),
				locals.user!,
				Number(params.schoolId),
				Number(params.platformId),
				form.data
			);
			version = r.version;
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version = version;
		form.data.changeNote = null;
		return message(form, { type: 'success', text: m.saved() });
	}
};
