import { guardedLoad, pageOf, schoolScope } from '$lib/server/action';
import { inbox } from '$lib/server/messages/inbox';
import type { PageServerLoad } from './$types';

/** The school office's conversations with families: the school's admins only. */
export const load = guardedLoad(
	schoolScope('messages.office'),
	async ({ db, principal, school, event }) => {
		const page = pageOf(event.url);
		return {
			inbox: await inbox(db, principal, 'office', { page, schoolId: school.id }),
			page,
			school
		};
	}
) satisfies PageServerLoad;
