import { json } from '@sveltejs/kit';
import { requestContext } from '$lib/server/action';
import { PUSH_BODY_MAX, handlePushRequest } from '$lib/server/messages/push-subscriptions';
import type { RequestHandler } from './$types';

/**
 * Keeps or forgets one of the caller's browser push subscriptions (JSON, sent by
 * `PushSubscribe.svelte`). Only `application/json` (a cross-site page cannot send it without a
 * preflight); anything malformed, too long or pointing at an unknown host is a 400.
 */
export const POST: RequestHandler = async (event) => {
	const { db, principal } = requestContext(event);
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (declared > PUSH_BODY_MAX) return json({ error: 'push_v_body' }, { status: 400 });
	const text = await event.request.text();
	const answer = await handlePushRequest(
		db,
		principal,
		event.request.headers.get('content-type'),
		text
	);
	return json(answer.body, { status: answer.status });
};
