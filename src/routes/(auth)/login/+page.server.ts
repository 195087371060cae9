import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { loginSchema } from '$lib/schemas/auth';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { homePath } from '$lib/server/auth/guards';
import { signIn } from '$lib/server/auth/service';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { cookieName } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string | null {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')) ?? homePath(locals.user));
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
		const config = getConfig();
		const result = await signIn(getDb(), {
			email: form.data.email,
			password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent'),
			sessionDays: config.SESSION_DAYS
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
		event.cookies.set(cookieName, result.locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 400
		});
		const next = safeNext(event.url.searchParams.get('next'));
		if (next) redirect(303, next);
		redirect(303, '/');
	}
};
