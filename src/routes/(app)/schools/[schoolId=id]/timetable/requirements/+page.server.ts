import { parseRequirementsForm } from '$lib/schemas/timetable';
import { queryId } from '$lib/schemas/common';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { classRequirements, rosterInput } from '$lib/server/timetable/queries';
import { saveRequirements } from '$lib/server/timetable/settings';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

/** The weekly periods of one class (programme's figures prefilled, editable). */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const { classes } = await rosterInput(db, school.id);
	const wanted = queryId.parse(event.url.searchParams.get('class') ?? undefined);
	const cls = classes.find((c) => c.id === wanted) ?? classes[0] ?? null;
	return {
		classes: classes.map((c) => ({ id: c.id, name: c.name })),
		cls: cls && { id: cls.id, name: cls.name },
		rows: cls ? ((await classRequirements(db, school.id, cls.id)) ?? []) : []
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = parseRequirementsForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!form) return plainInvalid();
		try {
			await saveRequirements(ctx.db, ctx.actor, ctx.school.id, form.classId, form.changes);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'timetable_requirements_saved');
	}
}) satisfies Actions;
