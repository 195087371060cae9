import { requestContext, routeId, schoolScope } from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { fetFileName, versionFet } from '$lib/server/timetable/fet-export';
import type { RequestHandler } from './$types';

/**
 * A draft or published version as a FET file: the problem it was made from, every period an
 * activity locked at its time (fixed periods permanently locked).
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const { school } = await schoolScope('timetable.manage')(ctx);
	const versionId = routeId(event.params.versionId);
	const v = await versionFet(ctx.db, school.id, versionId);
	if (!v || (v.status !== 'published' && v.status !== 'draft')) notFound();
	return new Response(v.text, {
		headers: {
			'content-type': 'application/xml; charset=utf-8',
			'content-disposition': `attachment; filename="${fetFileName(`${school.name}-${versionId}`)}"`
		}
	});
};
