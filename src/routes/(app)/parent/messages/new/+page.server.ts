import { redirect } from '@sveltejs/kit';
import { guardedActions, guardedLoad, ownScope } from '$lib/server/action';
import { startAsParent } from '$lib/server/messages/conversations';
import { attachmentStorage, messageFormFailure, readMessageForm } from '$lib/server/messages/pages';
import { officeHoursByStaff } from '$lib/server/messages/office-hours';
import { parentRecipients } from '$lib/server/messages/recipients';
import { parentStartSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

/**
 * A parent writes about an own child; the service refuses any other child or recipient. Each
 * possible teacher's office hours come along, so the page says when to expect an answer.
 */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const children = await parentRecipients(db, principal);
	const staffIds = children.flatMap((c) => [
		...(c.homeroomStaffId ? [c.homeroomStaffId] : []),
		...c.teachers.map((t) => t.staffId)
	]);
	return {
		children,
		officeHours: await officeHoursByStaff(db, staffIds),
		preset: event.url.searchParams.get('to')?.slice(0, 40) ?? ''
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const form = await readMessageForm(ctx, parentStartSchema);
		if (!form.data) return form.failure;
		let id: number;
		try {
			id = await startAsParent(ctx.db, ctx.actor, form.data, {
				storage: attachmentStorage(),
				files: form.files
			});
		} catch (err) {
			return messageFormFailure(err, form.values);
		}
		redirect(303, `/parent/messages/${id}`);
	}
}) satisfies Actions;
