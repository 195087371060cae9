import { redirect } from '@sveltejs/kit';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	routeId,
	schoolScope
} from '$lib/server/action';
import { attachmentsOfNotice } from '$lib/server/messages/attachments';
import { noticeReport } from '$lib/server/messages/notice-read';
import { remindNotice } from '$lib/server/messages/notices';
import { noticeButtonSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('notices.send');

/** One notice of the school: counts, who has not read or confirmed, and the reminder button. */
export const load = guardedLoad(scope, async ({ db, school, event }) => ({
	school,
	notice: await noticeReport(db, school.id, routeId(event.params.noticeId)),
	files: await attachmentsOfNotice(db, routeId(event.params.noticeId)),
	sent: event.url.searchParams.get('sent') === '1',
	reminded: Number(event.url.searchParams.get('reminded')) || 0
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	remind: async (ctx) => {
		const noticeId = routeId(ctx.event.params.noticeId);
		await noticeReport(ctx.db, ctx.school.id, noticeId); // 404 for another school's notice
		const form = await readPlainForm(ctx, noticeButtonSchema);
		if (!form || form.notice !== noticeId) return plainInvalid();
		let reminded: number;
		try {
			reminded = await remindNotice(ctx.db, ctx.school.id, noticeId);
		} catch (err) {
			return plainFailure(err);
		}
		redirect(303, `${ctx.event.url.pathname}?reminded=${reminded}`);
	}
}) satisfies Actions;
