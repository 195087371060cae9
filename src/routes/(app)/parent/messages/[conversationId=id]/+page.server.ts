import { guardedActions, guardedLoad } from '$lib/server/action';
import { conversationLoad, conversationScope, replyAction } from '$lib/server/messages/pages';
import type { Actions, PageServerLoad } from './$types';

/** Only the conversation's participants read and answer it; anyone else gets 404. */
const scope = conversationScope('family');

export const load = guardedLoad(scope, conversationLoad('family')) satisfies PageServerLoad;

export const actions = guardedActions(scope, { default: replyAction('family') }) satisfies Actions;
