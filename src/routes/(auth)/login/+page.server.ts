import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { loginSchema } from '$lib/schemas/auth';
import { setDeviceCookie, setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { DEVICE_COOKIE } from '$lib/server/auth/device';
import { homePath } from '$lib/server/auth/guards';
import { signIn } from '$lib/server/auth/service';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import type { Actions, PageServerLoad } from './$types';

/** Only paths of the portal are followed after sign-in (no open redirect). */
const nextOf = (url: URL) => safeRedirectTarget(url.searchParams.get('next'), url.origin);

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, nextOf(url) ?? homePath(locals.user));
	return {
		form: await superValidate(zod4(loginSchema)),
		signedOut: url.searchParams.has('signed-out')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(loginSchema));
		const password = form.data.password;
		// The password is never sent back to the browser.
		form.data.password = '';
		if (!form.valid) return fail(400, { form });
		const result = await signIn(getDb(), {
			login: form.data.login,
			password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent'),
			sessionDays: getConfig().SESSION_DAYS,
			device: event.cookies.get(DEVICE_COOKIE)
		});
		if (!result.ok) {
			if (result.reason === 'locked') {
				const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
				return message(
					form,
					{ type: 'error', text: m.auth_locked({ minutes: String(minutes) }) },
					{ status: 429 }
				);
			}
			return message(form, { type: 'error', text: m.auth_invalid() }, { status: 400 });
		}
		setSessionCookie(event, result.token, result.session.expiresAt);
		setDeviceCookie(event, result.device);
		setLocaleCookie(event, result.locale);
		redirect(303, nextOf(event.url) ?? '/');
	}
};
