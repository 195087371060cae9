import { redirect } from '@sveltejs/kit';
import { homePath } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

/** The portal's root sends each user to the home of their (first) role. */
export const load: PageServerLoad = async ({ locals }) => {
	redirect(303, homePath(locals.user!));
};
