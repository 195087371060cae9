import { sql } from 'kysely';
import { pushRequestSchema, type PushRequest } from '../../schemas/push';
import type { Principal } from '../auth/session';
import { getConfig } from '../config';
import type { DB } from '../db';

/**
 * Browsers' push subscriptions (push_subscriptions, migration 0310). `POST
 * /account/notifications/push` keeps or forgets one of the caller's; the portal later POSTs to its
 * endpoint, so the endpoint's host must be a known push service (`PUSH_ENDPOINT_HOSTS`): the
 * portal never sends requests to an address a user chose.
 */
export const PUSH_BODY_MAX = 8192;
/** Subscriptions kept per account (browsers, devices); the oldest go first. */
export const PUSH_PER_USER = 10;

let hostsOverride: string[] | undefined;

/** Tests: the allowed push service hosts (`undefined`: the configuration's). */
export function setPushHosts(hosts: string[] | undefined) {
	hostsOverride = hosts;
}

export function pushHosts(): string[] {
	if (hostsOverride) return hostsOverride;
	return getConfig()
		.PUSH_ENDPOINT_HOSTS.split(',')
		.map((h) => h.trim().toLowerCase())
		.filter(Boolean);
}

/**
 * Whether an https endpoint's host is an allowed push service: an entry is a host name (`*.`
 * for any subdomain) with the default port, or `host:port` for that port only.
 */
export function pushHostAllowed(endpoint: string, hosts = pushHosts()): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.protocol !== 'https:') return false;
	const host = url.hostname.toLowerCase();
	return hosts.some((entry) => {
		const [name, port = ''] = entry.split(':');
		if (port !== url.port) return false;
		if (name.startsWith('*.')) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
		return host === name;
	});
}

export interface PushAnswer {
	status: number;
	body: { ok: true; subscribed: boolean } | { error: string };
}

const refused = (error: string): PushAnswer => ({ status: 400, body: { error } });

/** Reads and checks a request's JSON body; every refusal is a 400 with a code. */
export function parsePushRequest(
	contentType: string | null,
	text: string
): PushRequest | PushAnswer {
	if (!contentType?.toLowerCase().startsWith('application/json')) return refused('push_v_body');
	if (text.length > PUSH_BODY_MAX) return refused('push_v_body');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return refused('push_v_body');
	}
	const parsed = pushRequestSchema.safeParse(json);
	if (!parsed.success) {
		const code = parsed.error.issues.find((i) => i.message.startsWith('push_v_'))?.message;
		return refused(code ?? 'push_v_body');
	}
	const endpoint =
		parsed.data.action === 'subscribe' ? parsed.data.subscription.endpoint : parsed.data.endpoint;
	if (parsed.data.action === 'subscribe' && !pushHostAllowed(endpoint))
		return refused('push_v_host');
	return parsed.data;
}

/** The answer to `POST /account/notifications/push` from the caller's request. */
export async function handlePushRequest(
	db: DB,
	principal: Principal,
	contentType: string | null,
	text: string
): Promise<PushAnswer> {
	const request = parsePushRequest(contentType, text);
	if ('status' in request) return request;
	if (request.action === 'unsubscribe') {
		await removePushSubscription(db, principal.userId, request.endpoint);
		return { status: 200, body: { ok: true, subscribed: false } };
	}
	const { endpoint, keys } = request.subscription;
	await savePushSubscription(db, principal.userId, { endpoint, ...keys });
	return { status: 200, body: { ok: true, subscribed: true } };
}

/**
 * Keeps a subscription for the user: one row per endpoint (an upsert, so concurrent duplicates
 * leave one row); an endpoint subscribed by another account before moves to this one (the browser
 * is now signed in as it). Beyond `PUSH_PER_USER` the oldest of the user's go.
 */
export async function savePushSubscription(
	db: DB,
	userId: number,
	sub: { endpoint: string; p256dh: string; auth: string }
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('push_subscriptions')
			.values({ user_id: userId, ...sub })
			.onConflict((oc) =>
				oc.constraint('push_subscriptions_endpoint_key').doUpdateSet({
					user_id: userId,
					p256dh: sub.p256dh,
					auth: sub.auth
				})
			)
			.execute();
		await sql`delete from push_subscriptions where user_id = ${userId} and id not in (
			select id from push_subscriptions where user_id = ${userId}
			order by created_at desc, id desc limit ${PUSH_PER_USER})`.execute(trx);
	});
}

export async function removePushSubscription(db: DB, userId: number, endpoint: string) {
	await db
		.deleteFrom('push_subscriptions')
		.where('user_id', '=', userId)
		.where('endpoint', '=', endpoint)
		.execute();
}

/** How many browsers of the user receive push notifications. */
export async function pushSubscriptionCount(db: DB, principal: Principal): Promise<number> {
	const row = await db
		.selectFrom('push_subscriptions')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('user_id', '=', principal.userId)
		.executeTakeFirstOrThrow();
	return row.n;
}
