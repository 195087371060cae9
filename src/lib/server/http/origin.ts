import type { RequestEvent } from '@sveltejs/kit';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SvelteKit's CSRF check covers only form content types; a cross-site POST with no content type
 * (`fetch(url, { method: 'POST', credentials: 'include', body: blob })`) slips past it. Every
 * state-changing request to a page or endpoint outside the token-authenticated JSON API must come
 * from the portal's own pages: its Origin is the portal's, or, without Origin, the browser says
 * `Sec-Fetch-Site: same-origin`.
 */
export function isCrossSiteWrite(event: Pick<RequestEvent, 'request' | 'url'>): boolean {
	if (SAFE_METHODS.has(event.request.method)) return false;
	if (event.url.pathname.startsWith('/api/')) return false;
	const origin = event.request.headers.get('origin');
	if (origin !== null) return origin !== event.url.origin;
	return event.request.headers.get('sec-fetch-site') !== 'same-origin';
}
