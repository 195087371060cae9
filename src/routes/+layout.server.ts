import { getDb } from '$lib/server/db';
import { loadSessionUser } from '$lib/server/org/session-user';
import type { LayoutServerLoad } from './$types';

/**
 * The signed-in user for the error page (issue 9, item 11): an unknown address or a missing row
 * renders the root +error.svelte, outside the (app) layout, and it shows the menu from this.
 * No query: the session already holds the names (org/session-user.ts).
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
	shellUser: locals.user ? await loadSessionUser(getDb(), locals.user) : null
});
