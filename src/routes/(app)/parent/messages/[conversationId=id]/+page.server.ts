import { guardedActions, guardedLoad } from '$lib/server/action';
import { conversationOfficeHours } from '$lib/server/messages/office-hours';
import { conversationLoad, conversationScope, replyAction } from '$lib/server/messages/pages';
import type { Actions, PageServerLoad } from './$types';

/** Only the conversation's participants read and answer it; anyone else gets 404. */
const scope = conversationScope('family');
const baseLoad = conversationLoad('family');

/** The conversation and its teacher's office hours (when to expect an answer). */
export const load = guardedLoad(scope, async (ctx) => ({
	...(await baseLoad(ctx)),
	officeHours: await conversationOfficeHours(ctx.db, ctx.conversationId)
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, { default: replyAction('family') }) satisfies Actions;
