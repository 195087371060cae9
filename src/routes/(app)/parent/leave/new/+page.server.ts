import { redirect } from '@sveltejs/kit';
import { guardedActions, guardedLoad, ownScope } from '$lib/server/action';
import { requestLeave } from '$lib/server/messages/leave';
import { messageFormFailure, readMessageForm } from '$lib/server/messages/pages';
import { listParentChildren } from '$lib/server/org/people';
import { todayIso } from '$lib/dates';
import { leaveSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

/** A guardian asks leave for an own child; the service refuses any other child. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	children: (await listParentChildren(db, principal)).map((c) => ({
		id: c.id,
		name: c.full_name,
		className: c.class_name
	})),
	today: todayIso()
})) satisfies PageServerLoad;

export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const form = await readMessageForm(ctx, leaveSchema);
		if (!form.data) return form.failure;
		let id: number;
		try {
			id = await requestLeave(ctx.db, ctx.actor, form.data);
		} catch (err) {
			return messageFormFailure(err, form.values);
		}
		redirect(303, `/parent/leave/${id}?sent=1`);
	}
}) satisfies Actions;
