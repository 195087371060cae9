import { fail } from '@sveltejs/kit';
import { errorText, translateError } from '$lib/i18n/errors';
import { checkpointQuery, checkpointSchema, publishSchema } from '$lib/schemas/grades-checkpoints';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { loadCheckpoints, saveCheckpoint } from '$lib/server/grades/checkpoints';
import { pendingCorrections } from '$lib/server/grades/corrections';
import {
	checkpointProgress,
	classPublications,
	publishCheckpoint
} from '$lib/server/grades/publication';
import { ConflictError, DomainError } from '$lib/server/errors';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('grades.manage');

export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const { year, checkpoints } = await loadCheckpoints(db, school.id);
	const selected =
		checkpointQuery.parse(event.url.searchParams.get('checkpoint') ?? undefined) ??
		checkpoints.find((c) => c.state !== 'locked')?.checkpoint ??
		'year';
	const [progress, classes, pending] = await Promise.all([
		checkpointProgress(db, school.id, selected),
		classPublications(db, school.id, selected),
		pendingCorrections(db, school.id)
	]);
	return { year, checkpoints, selected, progress, classes, pending };
}) satisfies PageServerLoad;

/** Texts of the dates form as posted, echoed back when it is refused (capped). */
function echo(data: FormData) {
	const get = (k: string) => String(data.get(k) ?? '').slice(0, 20);
	return { opensOn: get('opensOn'), closesOn: get('closesOn'), locksOn: get('locksOn') };
}

export const actions = guardedActions(scope, {
	dates: async (ctx) => {
		const data = await ctx.event.request.formData();
		const parsed = checkpointSchema.safeParse(Object.fromEntries(data));
		const checkpoint = String(data.get('checkpoint') ?? '').slice(0, 10);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, {
				dates: {
					checkpoint,
					error: issue?.message ? translateError(issue.message) : m.form_has_errors(),
					field: typeof issue?.path[0] === 'string' ? issue.path[0] : undefined,
					values: echo(data)
				}
			});
		}
		try {
			await saveCheckpoint(ctx.db, ctx.actor, ctx.school.id, parsed.data);
		} catch (err) {
			if (!(err instanceof DomainError || err instanceof ConflictError)) throw err;
			const conflict = err instanceof ConflictError;
			return fail(conflict ? 409 : 400, {
				dates: {
					checkpoint,
					error: conflict ? m.error_conflict() : errorText(err.code, err.params),
					field: conflict ? undefined : err.field,
					values: echo(data)
				}
			});
		}
		savedRedirect(ctx.event.url, 'grades_dates_saved', { checkpoint: parsed.data.checkpoint });
	},
	publish: async (ctx) => {
		const data = await ctx.event.request.formData();
		const parsed = publishSchema.safeParse({
			checkpoint: data.get('checkpoint'),
			classIds: data.getAll('classId')
		});
		if (!parsed.success) return plainInvalid();
		try {
			const published = await publishCheckpoint(
				ctx.db,
				ctx.actor,
				ctx.school.id,
				parsed.data.checkpoint,
				parsed.data.classIds
			);
			savedRedirect(ctx.event.url, 'grades_published', {
				checkpoint: parsed.data.checkpoint,
				count: published.length
			});
		} catch (err) {
			return plainFailure(err);
		}
	}
}) satisfies Actions;
