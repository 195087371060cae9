import { redirect } from '@sveltejs/kit';
import { guardedActions, guardedLoad, ownScope } from '$lib/server/action';
import { startAsTeacher } from '$lib/server/messages/conversations';
import { attachmentStorage, messageFormFailure, readMessageForm } from '$lib/server/messages/pages';
import { teacherPupils } from '$lib/server/messages/recipients';
import { teacherStartSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

/** A teacher writes to the guardians of a pupil of their classes; the service checks the pupil. */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	pupils: await teacherPupils(db, principal),
	preset: event.url.searchParams.get('student')?.slice(0, 12) ?? ''
})) satisfies PageServerLoad;

export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const form = await readMessageForm(ctx, teacherStartSchema);
		if (!form.data) return form.failure;
		let id: number;
		try {
			id = await startAsTeacher(ctx.db, ctx.actor, form.data, {
				storage: attachmentStorage(),
				files: form.files
			});
		} catch (err) {
			return messageFormFailure(err, form.values);
		}
		redirect(303, `/teacher/messages/${id}`);
	}
}) satisfies Actions;
