import { guardedActions, guardedLoad } from '$lib/server/action';
import { conversationLoad, conversationScope, replyAction } from '$lib/server/messages/pages';
import type { Actions, PageServerLoad } from './$types';

/** Only the conversation's participants read and answer it; anyone else gets 404. */
const scope = conversationScope('staff');

export const load = guardedLoad(scope, conversationLoad('staff')) satisfies PageServerLoad;

export const actions = guardedActions(scope, { default: replyAction('staff') }) satisfies Actions;
