import { guardedLoad, pageOf, schoolScope } from '$lib/server/action';
import { schoolNotices } from '$lib/server/messages/notice-read';
import { readNotifications } from '$lib/server/messages/notifications';
import type { PageServerLoad } from './$types';

/** The school's notices with their delivered, read and confirmed counts: the school's admins. */
export const load = guardedLoad(
	schoolScope('notices.send'),
	async ({ db, school, event, principal }) => {
		const page = pageOf(event.url);
		return {
			notices: await schoolNotices(db, school.id, page),
			auto: await readNotifications(db, principal, { schoolId: school.id }),
			page,
			school
		};
	}
) satisfies PageServerLoad;
