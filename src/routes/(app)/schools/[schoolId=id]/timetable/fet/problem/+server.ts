import { requestContext, schoolScope } from '$lib/server/action';
import { fetFileName, schoolProblemFet } from '$lib/server/timetable/fet-export';
import type { RequestHandler } from './$types';

/** The school's timetable problem as it stands (what the generator would solve) as a FET file. */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const { school } = await schoolScope('timetable.manage')(ctx);
	return new Response(await schoolProblemFet(ctx.db, school.id), {
		headers: {
			'content-type': 'application/xml; charset=utf-8',
			'content-disposition': `attachment; filename="${fetFileName(school.name)}"`
		}
	});
};
