import { guardedLoad, pageOf, schoolScope } from '$lib/server/action';
import { officialInbox, PAGE_SIZE } from '$lib/server/official-notices/read';
import type { PageServerLoad } from './$types';

/** The notices of the department and the area office to this school (teachers: those for them). */
export const load = guardedLoad(
	schoolScope('official_notices.read'),
	async ({ db, school, principal, event }) => {
		const page = pageOf(event.url);
		const rows = await officialInbox(db, principal, school.id, page);
		return { notices: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE, page };
	}
) satisfies PageServerLoad;
