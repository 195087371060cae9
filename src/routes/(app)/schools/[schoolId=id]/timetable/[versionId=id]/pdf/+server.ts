import { gridFilterSchema } from '$lib/schemas/timetable';
import { requestContext, routeId, schoolScope } from '$lib/server/action';
import { mayUse, notFound } from '$lib/server/auth/access';
import { pdfResponse } from '$lib/server/pdf';
import { timetablePdf } from '$lib/server/timetable/pdf';
import { schoolVersion } from '$lib/server/timetable/views';
import type { RequestHandler } from './$types';

/**
 * A class's (`?class=`) or a teacher's (`?teacher=`) week of a version as an A4 landscape PDF.
 * Who may see the version's page may download it; a class or teacher without a period in the
 * version (or neither named) is a 404.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const { school } = await schoolScope('timetable.view')(ctx);
	const version = await schoolVersion(ctx.db, school.id, routeId(event.params.versionId));
	const manager = mayUse(ctx.principal, 'timetable.manage', school);
	if (!version || (version.status !== 'published' && !(manager && version.status === 'draft')))
		notFound();
	const filter = gridFilterSchema.parse(Object.fromEntries(event.url.searchParams));
	const pdf = await timetablePdf(ctx.db, school, version, filter);
	if (!pdf) notFound();
	return pdfResponse(pdf.bytes, pdf.title, { inline: true });
};
