import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { queryId } from '$lib/schemas/common';
import { readPupilTargets, rolloverCommitSchema } from '$lib/schemas/rollover';
import { errorText } from '$lib/i18n/errors';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { commitRollover, rolloverPlan, rolloverSources } from '$lib/server/roster/rollover';
import { previewOf, pupilErrorOf } from './preview';
import type { Actions, PageServerLoad } from './$types';

/** The year rollover of a class (issue 11): school admins, form + preview page, no JavaScript needed. */
const scope = schoolScope('roster.manage');

export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const classId = queryId.parse(event.url.searchParams.get('class') ?? undefined);
	const sources = await rolloverSources(db, school.id);
	if (classId === undefined) return { sources, plan: null, preview: null, form: null };
	const plan = await rolloverPlan(db, school, classId);
	const preview = await previewOf(db, plan, event.url);
	const form = await superValidate(
		{ ...preview.values, classId: plan.source.id, signature: plan.signature },
		zod4(rolloverCommitSchema),
		{ errors: false, id: 'rollover' }
	);
	return { sources, plan, preview, form };
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	commit: async (ctx) => {
		// the per-pupil classes (`t_<pupil>`) are read from the same body as the superform
		const body = await ctx.event.request.formData();
		const form = await superValidate(body, zod4(rolloverCommitSchema), { id: 'rollover' });
		const own = readPupilTargets(body.entries());
		if (!own)
			return message(
				form,
				{ type: 'error', text: errorText('rollover_pupil_targets_invalid') },
				{ status: 400 }
			);
		// a refused commit shows the page again with the classes chosen per pupil, not the defaults
		const pupilTargets = Object.fromEntries(own);
		if (!form.valid) return fail(400, { form, pupilTargets });
		let moved: number;
		try {
			({ moved } = await commitRollover(ctx.db, ctx.actor, ctx.school.id, form.data, own));
		} catch (err) {
			const pupilErrors = pupilErrorOf(err);
			if (pupilErrors) return fail(400, { form, pupilTargets, pupilErrors });
			const failure = formFailure(form, err);
			// typed as either a failure or its data (superforms' `message`)
			const { status, data } = 'status' in failure ? failure : { status: 400, data: failure };
			return fail(status, { ...data, pupilTargets });
		}
		savedRedirect(ctx.event.url, 'rollover_done', { count: moved });
	}
}) satisfies Actions;
