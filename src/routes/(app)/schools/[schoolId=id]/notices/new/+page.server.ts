import { redirect } from '@sveltejs/kit';
import { guardedActions, guardedLoad, schoolScope } from '$lib/server/action';
import { attachmentStorage, messageFormFailure } from '$lib/server/messages/pages';
import { readNoticeForm } from '$lib/server/messages/notice-pages';
import { sendNotice } from '$lib/server/messages/notices';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('notices.send');

/** The school's active classes, to pick grades and classes from. */
export const load = guardedLoad(scope, async ({ db, school }) => ({
	school,
	classes: await db
		.selectFrom('classes')
		.select(['id', 'name', 'grade'])
		.where('school_id', '=', school.id)
		.where('active', '=', true)
		.orderBy('grade')
		.orderBy('name_sort')
		.execute()
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const form = await readNoticeForm(ctx);
		if (!form.data) return form.failure;
		let id: number;
		try {
			id = await sendNotice(ctx.db, ctx.actor, ctx.school.id, form.data, {
				storage: attachmentStorage(),
				files: form.files
			});
		} catch (err) {
			return messageFormFailure(err, form.values);
		}
		redirect(303, `/schools/${ctx.school.id}/notices/${id}?sent=1`);
	}
}) satisfies Actions;
