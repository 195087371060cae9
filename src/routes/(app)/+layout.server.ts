import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { countPendingLinkRequests } from '$lib/server/accounts/link-requests';
import { loadSessionUser } from '$lib/server/org/session-user';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, request }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const db = getDb();
	const [user, linkRequests] = await Promise.all([
		loadSessionUser(db, locals.user),
		// A school asked to link this account: every page says so until answered. Read with the
		// session, except after a form action (which may have just answered one).
		request.method === 'GET' && locals.user.pendingLinkRequests !== undefined
			? locals.user.pendingLinkRequests
			: countPendingLinkRequests(db, locals.user)
	]);
	return { user, linkRequests };
};
