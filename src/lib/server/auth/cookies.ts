import type { RequestEvent } from '@sveltejs/kit';
import { cookieName } from '$lib/paraglide/runtime';
import { DEVICE_COOKIE } from './device';
import { SESSION_COOKIE } from './session';

type CookieEvent = Pick<RequestEvent, 'cookies' | 'url'>;

/**
 * Secure whenever the portal is reached over HTTPS, and only then: SvelteKit's default (Secure
 * except on localhost) makes a browser drop the cookie on http://127.0.0.1 or a LAN address.
 */
const secure = (event: CookieEvent) => event.url.protocol === 'https:';
const YEAR = 60 * 60 * 24 * 400;

/** httpOnly, SameSite=Lax. */
export function setSessionCookie(event: CookieEvent, token: string, expiresAt: Date) {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: secure(event),
		expires: expiresAt
	});
}

export function deleteSessionCookie(event: CookieEvent) {
	event.cookies.delete(SESSION_COOKIE, { path: '/', secure: secure(event) });
}

/** The language, read by the browser's paraglide runtime too (so not httpOnly). */
export function setLocaleCookie(event: CookieEvent, locale: string) {
	event.cookies.set(cookieName, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: secure(event),
		maxAge: YEAR
	});
}

/** The trusted-device cookie of a browser that signed in (auth/device.ts). */
export function setDeviceCookie(event: CookieEvent, value: string) {
	event.cookies.set(DEVICE_COOKIE, value, {
		path: '/login',
		httpOnly: true,
		sameSite: 'strict',
		secure: secure(event),
		maxAge: YEAR
	});
}
