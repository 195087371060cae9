import { pageOf, requestContext } from '$lib/server/action';
import { PAGE_SIZE, sentNotices } from '$lib/server/official-notices/read';
import type { PageServerLoad } from './$types';

/** The official notices of the caller's scope (province or area), with their read figures. */
export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const page = pageOf(event.url);
	const rows = await sentNotices(db, principal, page);
	return { notices: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
};
