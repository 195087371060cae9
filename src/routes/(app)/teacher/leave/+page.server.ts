import { z } from 'zod';
import { guardedActions, guardedLoad, ownScope, plainAction } from '$lib/server/action';
import { answerLeave, classLeave } from '$lib/server/messages/leave';
import { leaveAnswerSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

/** How many recorded absences the last approval excused (shown once after the redirect). */
const excusedOf = (url: URL) =>
	z.coerce
		.number()
		.int()
		.min(0)
		.max(1000)
		.catch(0)
		.parse(url.searchParams.get('excused') ?? 0);

/** The requests of the caller's homeroom classes; the service answers only those (404 else). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	requests: await classLeave(db, principal),
	answered: event.url.searchParams.get('answered') === '1',
	excused: excusedOf(event.url)
})) satisfies PageServerLoad;

export const actions = guardedActions(ownScope, {
	answer: plainAction(leaveAnswerSchema, null, async (ctx, form) => {
		const { excused } = await answerLeave(ctx.db, ctx.actor, form);
		return { redirect: `/teacher/leave?answered=1&excused=${excused}` };
	})
}) satisfies Actions;
