import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '$lib/dates';
import { schoolPlanSchema } from '$lib/schemas/rollout';
import { rolloutRights } from '$lib/server/rollout/rights';
import { listSchoolPlatforms } from '$lib/server/rollout/school-platforms';
import {
	getSchoolRollout,
	listMentorCandidates,
	setSchoolPlan
} from '$lib/server/rollout/school-rollout';
import { listWaves } from '$lib/server/rollout/waves';
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
	const { school } = await event.parent();
	const [rollout, platforms, rights] = await Promise.all([
		getSchoolRollout(db, principal, schoolId, todayIso()),
		listSchoolPlatforms(db, principal, schoolId),
		rolloutRights(db, principal, schoolId)
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

export const actions = guardedActions(schoolScope('rollout.plan'), {
	plan: async (ctx) => {
		const form = await readForm(ctx, schoolPlanSchema, 'plan');
		if (!form.valid) return fail(400, { form });
		try {
			await setSchoolPlan(ctx.db, ctx.principal, ctx.school.id, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version += 1;
		savedRedirect(ctx.event.url, 'saved');
	}
}) satisfies Actions;
