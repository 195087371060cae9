import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { confirmActivationSchema } from '$lib/schemas/accounts';
import { confirmActivation } from '$lib/server/accounts/activation';
import { setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/**
 * Public: the link e-mailed by the e-mail step of an activation (accounts/activation-email.ts).
 * Opening it changes nothing (mail scanners open links); the form posts the token and the
 * password chosen at /activate.
 */
const tokenParam = z.object({ t: z.string().max(100) }).catch({ t: '' });

export const load: PageServerLoad = async ({ url }) => {
	const { t } = tokenParam.parse(Object.fromEntries(url.searchParams));
	return {
		form: await superValidate({ token: t }, zod4(confirmActivationSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(confirmActivationSchema));
		const { password } = form.data;
		form.data.password = '';
		if (!form.valid) return fail(400, { form });
		const result = await confirmActivation(getDb(), {
			token: form.data.token,
			password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent'),
			sessionDays: getConfig().SESSION_DAYS
		});
		if (!result.ok) {
			if (result.reason === 'locked') {
				const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
				return message(
					form,
					{ type: 'error', text: m.accounts_activation_locked({ minutes: String(minutes) }) },
					{ status: 429 }
				);
			}
			return message(form, { type: 'error', text: m.accounts_confirm_invalid() }, { status: 400 });
		}
		setSessionCookie(event, result.token, result.expiresAt);
		setLocaleCookie(event, result.locale);
		redirect(303, result.kind === 'staff' ? '/' : '/parent?activated=1');
	}
};
