import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { serverSecret } from '../auth/secrets';
import { getDb, type DB } from '../db';

/**
 * Post/redirect/get for every form of the portal (issue 9, item 10), in one place so that no form
 * can be missed: a form posted without JavaScript that succeeds (200, a page) is never answered
 * with that page. The page is kept, encrypted (AES-256-GCM, key in `server_secrets`), for the
 * session that posted it for ANSWER_MINUTES, and the browser is sent with 303 to the same address
 * plus `?answer=<id>`, a GET that shows it. A reload repeats the GET and sends nothing; a one-time
 * value (a new API token, a generated password, activation slips) reappears on a reload for those
 * minutes only, to that session only, and is never created twice. Failures (4xx) are answered as
 * they are: the form shows its errors and nothing was done.
 * With JavaScript, `use:enhance` posts ask for JSON and are not concerned.
 */
export const ANSWER_PARAM = 'answer';
const ANSWER_MINUTES = 10;
const ANSWER_ID = /^[A-Za-z0-9_-]{22}$/;
const KEPT_HEADERS = ['content-type', 'content-security-policy', 'content-language'];

/** A form posted by the browser itself (no `use:enhance`): it wants a page back, not JSON. */
export function isNativeFormPost(request: Request): boolean {
	if (request.method !== 'POST') return false;
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
	if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return false;
	const accept = request.headers.get('accept') ?? '*/*';
	return !request.headers.has('x-sveltekit-action') && !/^application\/json/.test(accept);
}

async function cipherKey(db: DB) {
	return serverSecret(db, 'post-answers');
}

export async function storeAnswer(
	db: DB,
	sessionId: string,
	html: string,
	headers: Record<string, string>
): Promise<string> {
	const key = await cipherKey(db);
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const sealed = Buffer.concat([cipher.update(html, 'utf8'), cipher.final()]);
	const id = randomBytes(16).toString('base64url');
	await db.deleteFrom('post_answers').where('expires_at', '<', new Date()).execute();
	await db
		.insertInto('post_answers')
		.values({
			id,
			session_id: sessionId,
			body: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
			headers: JSON.stringify(headers),
			expires_at: new Date(Date.now() + ANSWER_MINUTES * 60_000)
		})
		.execute();
	return id;
}

/** The kept page of `id`, only for the session that posted it and only until it expires. */
export async function readAnswer(db: DB, sessionId: string, id: string) {
	if (!ANSWER_ID.test(id)) return null;
	const row = await db
		.selectFrom('post_answers')
		.select(['body', 'headers'])
		.where('id', '=', id)
		.where('session_id', '=', sessionId)
		.where('expires_at', '>', new Date())
		.executeTakeFirst();
	if (!row) return null;
	const bytes = Buffer.from(row.body);
	const decipher = createDecipheriv('aes-256-gcm', await cipherKey(db), bytes.subarray(0, 12));
	decipher.setAuthTag(bytes.subarray(12, 28));
	const html = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString();
	return { html, headers: row.headers };
}

/** Where the browser goes after the post: the same page (no `?/action`), with the answer's id. */
export function answerLocation(url: URL, id: string): string {
	const params = new URLSearchParams();
	for (const [name, value] of url.searchParams) {
		if (name !== ANSWER_PARAM && !name.startsWith('/')) params.append(name, value);
	}
	params.set(ANSWER_PARAM, id);
	return `${url.pathname}?${params}`;
}

async function replay(event: RequestEvent, sessionId: string, id: string) {
	const stored = await readAnswer(getDb(), sessionId, id);
	if (!stored) return null;
	const headers = new Headers(stored.headers);
	headers.set('cache-control', 'no-store');
	return new Response(stored.html, { status: 200, headers });
}

export const postRedirectGet: Handle = async ({ event, resolve }) => {
	const session = event.locals.session;
	if (!session) return resolve(event);
	if (event.request.method === 'GET' && !event.isDataRequest) {
		const id = event.url.searchParams.get(ANSWER_PARAM);
		// An expired or foreign answer: the page as it is now.
		if (id) return (await replay(event, session.id, id)) ?? resolve(event);
		return resolve(event);
	}
	if (!isNativeFormPost(event.request)) return resolve(event);
	const response = await resolve(event);
	const type = response.headers.get('content-type') ?? '';
	if (response.status !== 200 || !type.startsWith('text/html')) return response;
	const kept: Record<string, string> = {};
	for (const name of KEPT_HEADERS) {
		const value = response.headers.get(name);
		if (value) kept[name] = value;
	}
	const html = await response.text();
	let id: string;
	try {
		id = await storeAnswer(getDb(), session.id, html, kept);
	} catch {
		// The post ended its own session (nothing to keep the answer for): the page as it is.
		return new Response(html, { status: response.status, headers: response.headers });
	}
	const redirect = new Headers({ location: answerLocation(event.url, id) });
	for (const cookie of response.headers.getSetCookie()) redirect.append('set-cookie', cookie);
	return new Response(null, { status: 303, headers: redirect });
};
