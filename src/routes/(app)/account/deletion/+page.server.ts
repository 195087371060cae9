import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { askDeletionSchema } from '$lib/schemas/deletion';
import {
	guardedActions,
	guardedLoad,
	ownScope,
	plainFailure,
	savedRedirect
} from '$lib/server/action';
import { askDeletion, ownDeletionRequests } from '$lib/server/accounts/deletion';
import type { Actions, PageServerLoad } from './$types';

/** Any signed-in user asks the schools that hold their data to delete it, and sees the outcomes. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	requests: await ownDeletionRequests(db, principal.userId)
})) satisfies PageServerLoad;

const ECHO = 2000;

export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const data = await ctx.event.request.formData();
		const raw = { confirm: data.get('confirm') ?? undefined, reason: data.get('reason') ?? '' };
		const reason = typeof raw.reason === 'string' ? raw.reason.slice(0, ECHO) : '';
		const parsed = askDeletionSchema.safeParse(raw);
		if (!parsed.success)
			return fail(400, { reason, errors: z.flattenError(parsed.error).fieldErrors, error: null });
		let opened: number;
		try {
			opened = await askDeletion(ctx.db, ctx.actor, parsed.data);
		} catch (err) {
			const failure = plainFailure(err);
			return fail(failure.status, { reason, errors: {}, error: failure.data.error });
		}
		savedRedirect(ctx.event.url, 'deletion_requested', { count: opened });
	}
}) satisfies Actions;
