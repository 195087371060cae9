import { json } from '@sveltejs/kit';
import { requestContext } from '$lib/server/action';
import { exportOwnData } from '$lib/server/accounts/export';
import type { RequestHandler } from './$types';

/** The caller's own data as a JSON download (ownScope: the service reads only the caller's rows). */
export const GET: RequestHandler = async (event) => {
	const { db, principal } = requestContext(event);
	const data = await exportOwnData(db, principal);
	return json(data, {
		headers: {
			'content-disposition': `attachment; filename="truong-so-du-lieu-${principal.userId}.json"`,
			'cache-control': 'no-store'
		}
	});
};
