import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '$lib/format';
import * as m from '$lib/paraglide/messages';
import { schoolPlanSchema } from '$lib/schemas/rollout';
import { getDb } from '$lib/server/db';
import { formFailure } from '$lib/server/rollout/action-errors';
import { requireAnyOf, rolloutRights } from '$lib/server/rollout/rights';
import { listSchoolPlatforms } from '$lib/server/rollout/school-platforms';
import {
	getSchoolRollout,
	listMentorCandidates,
	setSchoolPlan
} from '$lib/server/rollout/school-rollout';
import { listWaves } from '$lib/server/rollout/waves';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const { school } = await parent();
	const [rollout, platforms, rights] = await Promise.all([
		getSchoolRollout(db, locals.user!, schoolId, todayIso()),
		listSchoolPlatforms(db, locals.user!, schoolId),
		rolloutRights(db, locals.user!, schoolId)
	]);
	if (!rights.canPlan) return { rollout, platforms, rights, planning: null };
	const [waves, mentors, planForm] = await Promise.all([
		listWaves(db, [school.department_id]),
		listMentorCandidates(db, schoolId, school.department_id),
		superValidate(
			{
				waveId: rollout.plan?.wave_id,
				mentorSchoolId: rollout.plan?.mentor_school_id ?? null,
				version: rollout.plan?.version ?? 0
			},
			zod4(schoolPlanSchema),
			{ id: 'plan', errors: false }
		)
	]);
	return { rollout, platforms, rights, planning: { waves, mentors, form: planForm } };
};

export const actions: Actions = {
	plan: async ({ request, locals, params }) => {
		await requireAnyOf(getDb(), locals.user!, Number(params.schoolId), 'rollout.plan');
		const form = await superValidate(request, zod4(schoolPlanSchema), { id: 'plan' });
		if (!form.valid) return fail(400, { form });
		try {
			await setSchoolPlan(getDb(), locals.user!, Number(params.schoolId), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version += 1;
		return message(form, { type: 'success', text: m.saved() });
	}
};
