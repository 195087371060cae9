import { fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { errorText } from '$lib/i18n/errors';
import {
	absenceIdSchema,
	assignCoverSchema,
	coverIdSchema,
	coverWithoutSubstituteSchema,
	otherCoverSchema
} from '$lib/schemas/timetable';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	readPlainForm,
	type RequestContext,
	routeId,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { DomainError } from '$lib/server/errors';
import { staffOptions } from '$lib/server/roster/lookups';
import {
	assignCover,
	coverPlan,
	deleteAbsence,
	findAbsence,
	recordCoverWithoutSubstitute,
	removeCover
} from '$lib/server/timetable/cover';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

const lessonKey = (l: { day: string; period: number; classId: number }) =>
	`${l.day}|${l.period}|${l.classId}`;

/**
 * A failed cover action, beside its lesson: a lesson or substitute taken meanwhile, or a cover
 * removed meanwhile, is a conflict (409: the page was stale); other rules a 400.
 */
function coverFailure(err: unknown, lesson: string | null, other = false) {
	if (err instanceof DomainError && ['timetable_cover_taken', 'v_not_found'].includes(err.code))
		return fail(409, {
			lesson,
			other,
			error: err.code === 'v_not_found' ? m.error_conflict() : errorText(err.code, err.params)
		});
	const failed = plainFailure(err);
	return fail(failed.status, { lesson, other, error: failed.data.error });
}

const invalid = (other = false) => fail(400, { lesson: null, other, error: m.form_has_errors() });

/** The URL's absence id (the matcher proved its shape). */
const absenceIdOf = (ctx: RequestContext) => routeId(ctx.event.params.absenceId);

/** Each lesson of an absence with the substitutes the service ranks; assign, remove, delete. */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const absence = await findAbsence(db, school.id, routeId(event.params.absenceId));
	if (!absence) notFound();
	const [plan, teachers] = await Promise.all([
		coverPlan(db, school.id, absence),
		staffOptions(db, school.id)
	]);
	return {
		absence,
		lessons: plan.map((l) => ({ ...l, key: lessonKey(l) })),
		teachers: teachers.filter((t) => t.id !== absence.staffId)
	};
}) satisfies PageServerLoad;

async function assign(
	ctx: RequestContext & { school: { id: number } },
	input: { day: string; period: number; classId: number; staffId: number },
	other = false
) {
	const key = lessonKey(input);
	try {
		await assignCover(ctx.db, ctx.actor, ctx.school.id, { absenceId: absenceIdOf(ctx), ...input });
	} catch (err) {
		return coverFailure(err, key, other);
	}
	savedRedirect(ctx.event.url, 'timetable_cover_assigned');
}

export const actions = guardedActions(scope, {
	assign: async (ctx) => {
		const data = await readPlainForm(ctx, assignCoverSchema);
		if (!data) return invalid();
		return assign(ctx, data);
	},
	other: async (ctx) => {
		const data = await readPlainForm(ctx, otherCoverSchema);
		if (!data) return invalid(true);
		const [day, period, classId] = data.lesson;
		return assign(ctx, { day, period, classId, staffId: data.staffId }, true);
	},
	alone: async (ctx) => {
		const data = await readPlainForm(ctx, coverWithoutSubstituteSchema);
		if (!data) return invalid();
		const key = lessonKey(data);
		try {
			await recordCoverWithoutSubstitute(ctx.db, ctx.actor, ctx.school.id, {
				absenceId: absenceIdOf(ctx),
				...data
			});
		} catch (err) {
			return coverFailure(err, key);
		}
		savedRedirect(ctx.event.url, 'timetable_cover_recorded');
	},
	remove: async (ctx) => {
		const data = await readPlainForm(ctx, coverIdSchema);
		if (!data) return invalid();
		try {
			await removeCover(ctx.db, ctx.actor, ctx.school.id, data.coverId, absenceIdOf(ctx));
		} catch (err) {
			return coverFailure(err, null);
		}
		savedRedirect(ctx.event.url, 'timetable_cover_removed');
	},
	delete: async (ctx) => {
		const data = await readPlainForm(ctx, absenceIdSchema);
		if (!data || data.absenceId !== absenceIdOf(ctx)) return invalid();
		try {
			await deleteAbsence(ctx.db, ctx.actor, ctx.school.id, data.absenceId);
		} catch (err) {
			return coverFailure(err, null);
		}
		redirect(303, `/schools/${ctx.school.id}/timetable/cover?deleted=1`);
	}
}) satisfies Actions;
