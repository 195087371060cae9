import { pageOf, requestContext, routeId } from '$lib/server/action';
import { readFiguresQuery } from '$lib/schemas/official-notices';
import { PAGE_SIZE, sentNotice, targetSchools } from '$lib/server/official-notices/read';
import type { PageServerLoad } from './$types';

/** One notice of the caller's scope (else 404): its text, how many schools read it, which not. */
export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const notice = await sentNotice(db, principal, routeId(event.params.noticeId));
	const { unread } = readFiguresQuery.parse({
		unread: event.url.searchParams.get('unread') ?? undefined
	});
	const page = pageOf(event.url);
	const rows = await targetSchools(db, notice.id, { unreadOnly: unread === '1', page });
	return {
		notice,
		schools: rows.slice(0, PAGE_SIZE * 2),
		hasNext: rows.length > PAGE_SIZE * 2,
		page,
		unreadOnly: unread === '1'
	};
};
