import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { guardedActions, guardedLoad, ownScope, plainInvalid } from '$lib/server/action';
import { notificationSettings, saveNotificationSettings } from '$lib/server/messages/preferences';
import { notificationFormSchema } from '$lib/schemas/quiet-hours';
import type { Actions, PageServerLoad } from './$types';

/** The caller's own notification channels and quiet hours (any signed-in user; only their row). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	settings: await notificationSettings(db, principal),
	saved: event.url.searchParams.get('saved') === '1'
})) satisfies PageServerLoad;

/** A refused form: the typed times (cut short) and the codes beside the fields. */
export interface NotificationsFailure {
	values: { quietStart: string; quietEnd: string; emailKinds: string[]; pushKinds: string[] };
	errors: Record<string, string[] | undefined>;
}

export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const data = await ctx.event.request.formData();
		if (data.get('form') !== 'notifications') return plainInvalid();
		const field = (k: string) => {
			const v = data.get(k);
			return typeof v === 'string' ? v : undefined;
		};
		const raw = {
			emailKinds: data.getAll('emailKinds').slice(0, 10),
			pushKinds: data.getAll('pushKinds').slice(0, 10),
			quietStart: field('quietStart'),
			quietEnd: field('quietEnd')
		};
		const parsed = notificationFormSchema.safeParse(raw);
		if (!parsed.success) {
			const errors = z.flattenError(parsed.error).fieldErrors as NotificationsFailure['errors'];
			const values = {
				quietStart: (raw.quietStart ?? '').slice(0, 8),
				quietEnd: (raw.quietEnd ?? '').slice(0, 8),
				emailKinds: raw.emailKinds.filter((k): k is string => typeof k === 'string'),
				pushKinds: raw.pushKinds.filter((k): k is string => typeof k === 'string')
			};
			if (errors.emailKinds || errors.pushKinds) return plainInvalid();
			return fail(400, { values, errors } satisfies NotificationsFailure);
		}
		const { emailKinds, pushKinds, quiet } = parsed.data;
		await saveNotificationSettings(ctx.db, ctx.principal, emailKinds, quiet, pushKinds ?? []);
		redirect(303, '/account/notifications?saved=1');
	}
}) satisfies Actions;
