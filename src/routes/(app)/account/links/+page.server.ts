import { linkAnswerSchema, linkDoneSchema } from '$lib/schemas/links';
import { guardedActions, guardedLoad, ownScope, plainAction } from '$lib/server/action';
import { answerLinkRequest, pendingLinkRequests } from '$lib/server/accounts/link-requests';
import type { Actions, PageServerLoad } from './$types';

/** A school's requests to link the signed-in account as a guardian or staff (issue 8, item 10). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	requests: await pendingLinkRequests(db, principal),
	done: linkDoneSchema.parse(Object.fromEntries(event.url.searchParams)).done ?? null
})) satisfies PageServerLoad;

export const actions = guardedActions(ownScope, {
	default: plainAction(linkAnswerSchema, null, async (ctx, data) => {
		const accept = data.answer === 'accept';
		const { answer, kind } = await answerLinkRequest(ctx.db, ctx.actor, data.request, accept);
		// The parent's page shows the child at once; a reload of it sends nothing.
		const accepted = kind === 'staff' ? '/account/links?done=staff' : '/parent?linked=1';
		return { redirect: answer === 'accepted' ? accepted : `/account/links?done=${answer}` };
	})
}) satisfies Actions;
