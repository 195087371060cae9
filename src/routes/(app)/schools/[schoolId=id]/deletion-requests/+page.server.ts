import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { handleDeletionSchema } from '$lib/schemas/deletion';
import {
	guardedActions,
	guardedLoad,
	pageOf,
	plainFailure,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { handleDeletion, PAGE_SIZE, schoolDeletionRequests } from '$lib/server/accounts/deletion';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('privacy.deletion');

/** The school's data deletion requests (school admin): read them and record each outcome. */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const page = pageOf(event.url);
	const rows = await schoolDeletionRequests(db, school.id, page);
	return { school, page, requests: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}) satisfies PageServerLoad;

const ECHO = 2000;

export const actions = guardedActions(scope, {
	handle: async (ctx) => {
		const data = await ctx.event.request.formData();
		const raw = Object.fromEntries(
			['request', 'version', 'status', 'outcome'].map((k) => [k, data.get(k) ?? undefined])
		);
		const typed = typeof raw.outcome === 'string' ? raw.outcome.slice(0, ECHO) : '';
		const request = typeof raw.request === 'string' ? raw.request.slice(0, 12) : '';
		const parsed = handleDeletionSchema.safeParse(raw);
		if (!parsed.success) {
			const errors = z.flattenError(parsed.error).fieldErrors;
			return fail(400, { request, outcome: typed, errors, error: null });
		}
		try {
			await handleDeletion(ctx.db, ctx.actor, ctx.school.id, parsed.data);
		} catch (err) {
			const failure = plainFailure(err);
			return fail(failure.status, {
				request,
				outcome: typed,
				errors: {},
				error: failure.data.error
			});
		}
		savedRedirect(ctx.event.url, 'deletion_handled');
	}
}) satisfies Actions;
