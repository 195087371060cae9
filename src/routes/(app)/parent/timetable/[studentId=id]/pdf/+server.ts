import { requestContext, routeId } from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { pdfResponse } from '$lib/server/pdf';
import { childTimetablePdf } from '$lib/server/timetable/child-pdf';
import type { RequestHandler } from './$types';

/**
 * The parent's PDF of their own child's class week (A4 landscape, the school's bell times). Any
 * other pupil, a child without a class or without a published timetable: 404.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const pdf = await childTimetablePdf(ctx.db, ctx.principal, routeId(event.params.studentId));
	if (!pdf) notFound();
	return pdfResponse(pdf.bytes, pdf.title, { inline: true });
};
