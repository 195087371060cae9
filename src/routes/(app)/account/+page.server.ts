import { savedRedirect } from '$lib/server/action';
import { deviceLabel } from '$lib/server/auth/device-label';
import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { changePasswordSchema } from '$lib/schemas/auth';
import { changePassword } from '$lib/server/auth/service';
import {
	invalidateSession,
	invalidateUserSessions,
	listUserSessions
} from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** Only a short, non-secret handle of a session id reaches the page. */
const HANDLE_LENGTH = 16;
const handleOf = (sessionId: string) => sessionId.slice(0, HANDLE_LENGTH);

export const load: PageServerLoad = async ({ locals }) => {
	const sessions = await listUserSessions(getDb(), locals.user!.userId);
	return {
		form: await superValidate(zod4(changePasswordSchema)),
		sessions: sessions.map((s) => ({
			handle: handleOf(s.id),
			current: s.id === locals.session!.id,
			createdAt: s.created_at,
			lastUsedAt: s.last_used_at,
			ip: s.ip,
			device: deviceLabel(s.user_agent)
		}))
	};
};

export const actions: Actions = {
	password: async ({ request, locals, url }) => {
		const form = await superValidate(request, zod4(changePasswordSchema));
		const { currentPassword, newPassword } = form.data;
		form.data = { currentPassword: '', newPassword: '', confirmPassword: '' };
		if (!form.valid) return fail(400, { form });
		const result = await changePassword(
			getDb(),
			locals.user!.userId,
			locals.session!.id,
			currentPassword,
			newPassword
		);
		if (result === 'wrong_password')
			return setError(form, 'currentPassword', m.account_wrong_password());
		savedRedirect(url, 'password_changed');
	},
	revoke: async ({ request, locals, url }) => {
		const handle = String((await request.formData()).get('session') ?? '');
		if (handle.length !== HANDLE_LENGTH) return fail(400, { revoked: false });
		const sessions = await listUserSessions(getDb(), locals.user!.userId);
		const target = sessions.find((s) => s.id.startsWith(handle));
		if (!target) return fail(404, { revoked: false });
		await invalidateSession(getDb(), target.id);
		savedRedirect(url, 'session_revoked');
	},
	revokeOthers: async ({ request, locals, url }) => {
		// The form names the session it keeps: a stale or forged post signs nobody out.
		const keep = String((await request.formData()).get('current') ?? '');
		if (keep !== handleOf(locals.session!.id)) return fail(400, { revokedOthers: false });
		await invalidateUserSessions(getDb(), locals.user!.userId, locals.session!.id);
		savedRedirect(url, 'sessions_revoked_others');
	}
};
