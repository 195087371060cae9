import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { activateSchema } from '$lib/schemas/accounts';
import { activateAccount } from '$lib/server/accounts/activation';
import { setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** Public: a guardian activates the account of the slip (code, new password, privacy notice). */
export const load: PageServerLoad = async ({ url }) => ({
	form: await superValidate(zod4(activateSchema)),
	// After an e-mail login: the same sentence whatever the code was (see activation-email.ts).
	emailed: url.searchParams.get('sent') === '1'
});

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(activateSchema));
		const { password, code } = form.data;
		// Neither the password nor the code travels back to the browser.
		form.data.password = '';
		form.data.confirmPassword = '';
		form.data.code = '';
		if (!form.valid) return fail(400, { form });
		const result = await activateAccount(getDb(), {
			login: form.data.login,
			code,
			password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent'),
			sessionDays: getConfig().SESSION_DAYS
		});
		if (!result.ok) {
			if (result.reason === 'emailed') redirect(303, '/activate?sent=1');
			if (result.reason === 'locked') {
				const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
				return message(
					form,
					{ type: 'error', text: m.accounts_activation_locked({ minutes: String(minutes) }) },
					{ status: 429 }
				);
			}
			return message(
				form,
				{ type: 'error', text: m.accounts_activation_invalid() },
				{ status: 400 }
			);
		}
		setSessionCookie(event, result.token, result.expiresAt);
		setLocaleCookie(event, result.locale);
		redirect(303, result.kind === 'staff' ? '/' : '/parent?activated=1');
	}
};
