import { isHttpError } from '@sveltejs/kit';
import { z } from 'zod';
import { MAX_ID } from '$lib/schemas/common';
import { getDb } from '$lib/server/db';
import { classCalendar, teacherCalendar } from '$lib/server/timetable/feed-calendar';
import { feedPrincipal } from '$lib/server/timetable/feeds';
import type { RequestHandler } from './$types';

const querySchema = z.object({ class: z.coerce.number().int().positive().max(MAX_ID).optional() });

const notFound = () =>
	new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });

/**
 * A user's private iCalendar feed (no session: the secret in the link is the key): the teacher's
 * own week, or `?class=` a class whose timetable the link's owner may see. Anything else is 404.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) return new Response('Bad request', { status: 400 });
	const db = getDb();
	const principal = await feedPrincipal(db, params.token.replace(/\.ics$/, ''));
	if (!principal) return notFound();
	try {
		const body =
			query.data.class === undefined
				? await teacherCalendar(db, principal)
				: await classCalendar(db, principal, query.data.class);
		return new Response(body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': 'inline; filename="thoi-khoa-bieu.ics"',
				'cache-control': 'private, no-store, no-transform'
			}
		});
	} catch (err) {
		if (isHttpError(err) && err.status === 404) return notFound();
		throw err;
	}
};
