import { guardedLoad, ownScope, pageOf } from '$lib/server/action';
import { ACCESS_LOG_PAGE, childAccessLog } from '$lib/server/privacy/access-log';
import type { PageServerLoad } from './$types';

/** Who of the schools' staff outside the child's classes read the caller's children's data. */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const page = pageOf(event.url);
	const rows = await childAccessLog(db, principal.userId, page);
	return { page, rows: rows.slice(0, ACCESS_LOG_PAGE), hasNext: rows.length > ACCESS_LOG_PAGE };
}) satisfies PageServerLoad;
