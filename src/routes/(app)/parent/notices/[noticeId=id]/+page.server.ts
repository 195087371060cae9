import { guardedActions, guardedLoad } from '$lib/server/action';
import { confirmAction, receivedLoad, receivedScope } from '$lib/server/messages/notice-pages';
import type { Actions, PageServerLoad } from './$types';

/** A notice addressed to the caller (404 otherwise); opening marks it read. */
const scope = receivedScope('families');

export const load = guardedLoad(scope, receivedLoad('families')) satisfies PageServerLoad;

export const actions = guardedActions(scope, { confirm: confirmAction() }) satisfies Actions;
