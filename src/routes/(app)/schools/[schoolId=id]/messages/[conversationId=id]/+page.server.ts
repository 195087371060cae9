import { guardedActions, guardedLoad } from '$lib/server/action';
import { conversationLoad, conversationScope, replyAction } from '$lib/server/messages/pages';
import type { Actions, PageServerLoad } from './$types';

/** An office conversation of the URL's school: its admins read and answer; anyone else 404. */
const scope = conversationScope('office');

export const load = guardedLoad(scope, conversationLoad('office')) satisfies PageServerLoad;

export const actions = guardedActions(scope, { default: replyAction('office') }) satisfies Actions;
