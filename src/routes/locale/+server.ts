import { redirect } from '@sveltejs/kit';
import { localeFormSchema } from '$lib/schemas/auth';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { setUserLocale } from '$lib/server/auth/service';
import { getDb } from '$lib/server/db';
import { safeRedirectTarget } from '$lib/server/http/redirect';
import type { RequestHandler } from './$types';

/** The posted form, or nothing when the body is not a form (JSON, garbage): then only go back. */
async function readForm(request: Request): Promise<Record<string, unknown>> {
	try {
		return Object.fromEntries(await request.formData());
	} catch {
		return {};
	}
}

/** Switches the language: remembered on the account when signed in, in a cookie otherwise. */
export const POST: RequestHandler = async (event) => {
	const parsed = localeFormSchema.safeParse(await readForm(event.request));
	const form = parsed.success ? parsed.data : null;
	if (form?.locale) {
		setLocaleCookie(event, form.locale);
		if (event.locals.user) await setUserLocale(getDb(), event.locals.user.userId, form.locale);
	}
	redirect(303, safeRedirectTarget(form?.redirectTo, event.url.origin) ?? '/');
};
