import { redirect } from '@sveltejs/kit';
import { guardedActions, guardedLoad, ownScope, plainInvalid } from '$lib/server/action';
import { notificationSettings, saveNotificationSettings } from '$lib/server/messages/preferences';
import { notificationSettingsSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

/** The caller's own notification channels (any signed-in user; only their own row). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	settings: await notificationSettings(db, principal),
	saved: event.url.searchParams.get('saved') === '1'
})) satisfies PageServerLoad;

export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const data = await ctx.event.request.formData();
		if (data.get('form') !== 'notifications') return plainInvalid();
		const parsed = notificationSettingsSchema.safeParse({
			emailKinds: data.getAll('emailKinds').slice(0, 10)
		});
		if (!parsed.success) return plainInvalid();
		await saveNotificationSettings(ctx.db, ctx.principal, parsed.data.emailKinds);
		redirect(303, '/account/notifications?saved=1');
	}
}) satisfies Actions;
