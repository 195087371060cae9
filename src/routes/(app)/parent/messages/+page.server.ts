import { guardedLoad, ownScope, pageOf } from '$lib/server/action';
import { inbox } from '$lib/server/messages/inbox';
import type { PageServerLoad } from './$types';

/** The caller's own conversations: the query keeps those they take part in. */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const page = pageOf(event.url);
	return { inbox: await inbox(db, principal, 'family', { page }), page };
}) satisfies PageServerLoad;
