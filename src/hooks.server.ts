import {
	error,
	json,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { cookieName, isLocale } from '$lib/paraglide/runtime';
import { startApp } from '$lib/server/app';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { checkGate } from '$lib/server/auth/guards';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { isCrossSiteWrite } from '$lib/server/http/origin';
import { compressResponse } from '$lib/server/http/compress';
import { withRequestMemo } from '$lib/server/http/request-memo';
import { bearerToken, validateApiToken } from '$lib/server/usage/tokens';
import { logger } from '$lib/server/logger';
import { serverTiming, withQueryStats } from '$lib/server/db/query-stats';
import { hitRateLimit, usageTokenKey } from '$lib/server/api/rate-limit';

export const init: ServerInit = async () => {
	await startApp();
};

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

const requestContext: Handle = async ({ event, resolve }) => {
	const incoming = event.request.headers.get('x-request-id');
	event.locals.requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
	const start = performance.now();
	const { stats, result } = withQueryStats(
		() => withRequestMemo(event.request.method, () => resolve(event)),
		getConfig().DB_LOG_QUERIES
	);
	const response = await result;
	response.headers.set('x-request-id', event.locals.requestId);
	// The server's own time and its queries, read by `npm run bench:*` and browser dev tools.
	response.headers.set('server-timing', serverTiming(performance.now() - start, stats));
	if (stats.sql) logger.warn({ path: event.url.pathname, queries: stats.sql }, 'queries');
	if (event.url.pathname !== '/healthz') {
		logger.info(
			{
				requestId: event.locals.requestId,
				method: event.request.method,
				path: event.url.pathname,
				status: response.status,
				ms: Math.round(performance.now() - start),
				userId: event.locals.user?.userId
			},
			'request'
		);
	}
	return response;
};

/**
 * Headers of every answer (the Content-Security-Policy of pages comes from `kit.csp` in
 * svelte.config.js), and no state change from another site's page (see http/origin.ts).
 */
const protect: Handle = async ({ event, resolve }) => {
	if (isCrossSiteWrite(event)) {
		return new Response('Cross-site requests are forbidden', {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
	return response;
};

/** Authentication only: who is calling. What they may do is decided by the gate and services. */
const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.apiToken = null;
	// API tokens (platforms reporting usage) only count on the JSON API; sessions stay as they are.
	const bearer = event.url.pathname.startsWith('/api/')
		? bearerToken(event.request.headers.get('authorization'))
		: null;
	if (bearer) event.locals.apiToken = await validateApiToken(getDb(), bearer);
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(getDb(), token, getConfig().SESSION_DAYS);
		if (result) {
			event.locals.user = result.principal;
			event.locals.session = result.session;
			setSessionCookie(event, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event);
		}
	}
	return resolve(event);
};

/** Requests per API token and minute, counted across processes (USAGE_API_RATE_PER_MINUTE). */
const rateLimit: Handle = async ({ event, resolve }) => {
	const limit = getConfig().USAGE_API_RATE_PER_MINUTE;
	const token = event.locals.apiToken;
	if (!token || !limit) return resolve(event);
	const decision = await hitRateLimit(getDb(), usageTokenKey(token.tokenId), limit);
	if (decision.allowed) return resolve(event);
	return json(
		{ error: 'rate_limited' },
		{ status: 429, headers: { 'retry-after': String(decision.retryAfter) } }
	);
};

/** The role gate by URL prefix covers pages, form actions and API routes alike. */
const gate: Handle = async ({ event, resolve }) => {
	const decision = checkGate(event.url.pathname, event.locals.user, event.locals.apiToken);
	if (decision === 'allow') return resolve(event);
	const isApi = event.url.pathname.startsWith('/api/');
	if (decision === 'unauthenticated') {
		if (isApi) return json({ error: 'unauthenticated' }, { status: 401 });
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	// Outside the caller's roles: answer as if the page did not exist. A page read gets the app's
	// own not-found page (menu, the user's language) by rendering an address no page has.
	if (isApi) return json({ error: 'not_found' }, { status: 404 });
	const method = event.request.method;
	if (method === 'GET' || method === 'HEAD') {
		const page = await event.fetch(NO_PAGE_PATH, { method, headers: { accept: 'text/html' } });
		if (page.status === 404) return new Response(page.body, page);
	}
	error(404, 'Not found');
};

/** An address no page has: the app's catch-all answers it with the not-found page. */
const NO_PAGE_PATH = '/khong-tim-thay';

/** The signed-in user's saved language wins; otherwise the cookie; otherwise Vietnamese. */
const i18n: Handle = ({ event, resolve }) => {
	const cookie = event.cookies.get(cookieName);
	const locale = event.locals.user?.locale ?? (isLocale(cookie) ? cookie : 'vi');
	if (cookie !== locale) {
		setLocaleCookie(event, locale);
	}
	const headers = new Headers(event.request.headers);
	headers.set('cookie', `${cookieName}=${locale}`);
	const request = new Request(event.request.url, { method: 'HEAD', headers });
	return paraglideMiddleware(request, ({ locale }) => {
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});
};

/** Pages and JSON compressed (brotli or gzip) for clients that accept it; see http/compress.ts. */
const compress: Handle = async ({ event, resolve }) =>
	compressResponse(event.request, await resolve(event));

export const handle: Handle = sequence(
	compress,
	requestContext,
	protect,
	authenticate,
	rateLimit,
	gate,
	i18n
);

export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	const requestId = event.locals.requestId;
	if (status >= 500) {
		logger.error(
			{
				requestId,
				path: event.url.pathname,
				err: err instanceof Error ? err.stack : String(err)
			},
			'unhandled error'
		);
	}
	// Never send internal error text (SQL, stack) to the browser.
	return {
		message: status === 404 ? 'Not found' : status >= 500 ? 'Internal error' : message,
		requestId
	};
};
