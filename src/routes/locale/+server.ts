import { redirect } from '@sveltejs/kit';
import { cookieName } from '$lib/paraglide/runtime';
import { localeSchema } from '$lib/schemas/auth';
import { setUserLocale } from '$lib/server/auth/service';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Switches the language: remembered on the account when signed in, in a cookie otherwise. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const data = await request.formData();
	const parsed = localeSchema.safeParse({ locale: data.get('locale') });
	const target = String(data.get('redirectTo') ?? '/');
	const back = target.startsWith('/') && !target.startsWith('//') ? target : '/';
	if (parsed.success) {
		cookies.set(cookieName, parsed.data.locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 400
		});
		if (locals.user) await setUserLocale(getDb(), locals.user.userId, parsed.data.locale);
	}
	redirect(303, back);
};
