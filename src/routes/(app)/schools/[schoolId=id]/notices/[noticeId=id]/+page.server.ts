import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	routeId,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { attachmentsOfNotice } from '$lib/server/messages/attachments';
import { noticeReport } from '$lib/server/messages/notice-read';
import {
	nextReminderAt,
	remindSchoolNotice,
	REMIND_INTERVAL_MINUTES
} from '$lib/server/messages/reminders';
import { noticeButtonSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('notices.send');

/** One notice of the school: counts, who has not read or confirmed, and the reminder button. */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const notice = await noticeReport(db, school.id, routeId(event.params.noticeId));
	return {
		school,
		notice,
		files: await attachmentsOfNotice(db, notice.id),
		sent: event.url.searchParams.get('sent') === '1',
		nextReminder: nextReminderAt(notice.lastRemindedAt),
		remindInterval: REMIND_INTERVAL_MINUTES
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	remind: async (ctx) => {
		const noticeId = routeId(ctx.event.params.noticeId);
		await noticeReport(ctx.db, ctx.school.id, noticeId); // 404 for another school's notice
		const form = await readPlainForm(ctx, noticeButtonSchema);
		if (!form || form.notice !== noticeId) return plainInvalid();
		let reminded: number;
		try {
			reminded = await remindSchoolNotice(ctx.db, ctx.actor, ctx.school.id, noticeId);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'notice_reminded', { count: reminded });
	}
}) satisfies Actions;
