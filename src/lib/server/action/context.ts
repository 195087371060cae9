import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actor } from '../audit';
import { notFound } from '../auth/access';
import type { Principal } from '../auth/session';
import { getDb, type DB } from '../db';

/** What every guarded load and action receives: the request, the database, the caller. */
export interface RequestContext {
	event: RequestEvent;
	db: DB;
	principal: Principal;
	actor: Actor;
}

export function actorOf(locals: App.Locals): Actor {
	return { principal: locals.user!, requestId: locals.requestId };
}

/** The context of a request whose URL gate already required a signed-in user. */
export function requestContext(event: RequestEvent): RequestContext {
	const principal = event.locals.user;
	if (!principal) notFound();
	return { event, db: getDb(), principal, actor: actorOf(event.locals) };
}

/**
 * A route id as a number. The route's `[name=id]` matcher already refused anything but a
 * positive 32-bit integer, so this only converts; a missing parameter is a 404.
 */
export function routeId(value: string | undefined): number {
	if (!value || !/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) notFound();
	return Number(value);
}

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });

/** `?page=` of a paged list: a whole number from 1; anything else (`1e309`, `abc`) is page 1. */
export function pageOf(url: URL): number {
	return pageSchema.parse({ page: url.searchParams.get('page') ?? undefined }).page;
}
