import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadSessionUser } from '$lib/server/org/session-user';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	return { user: await loadSessionUser(getDb(), locals.user) };
};
