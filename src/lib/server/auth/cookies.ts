import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

/** httpOnly, SameSite=Lax; Secure whenever the portal is reached over HTTPS. */
export function setSessionCookie(event: RequestEvent, token: string, expiresAt: Date) {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: event.url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionCookie(event: RequestEvent) {
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
}
