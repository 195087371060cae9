import {
	guardedActions,
	ownScope,
	pageOf,
	plainFailure,
	plainInvalid,
	readPlainForm,
	requestContext,
	routeId,
	savedRedirect
} from '$lib/server/action';
import { noticeButtonSchema } from '$lib/schemas/messages';
import {
	nextReminderAt,
	officialUnreadPeople,
	remindOfficialNotice,
	type OfficialReminder,
	REMIND_INTERVAL_MINUTES
} from '$lib/server/messages/reminders';
import { readFiguresQuery } from '$lib/schemas/official-notices';
import { officialFiles } from '$lib/server/official-notices/files';
import { PAGE_SIZE, sentNotice, targetSchools } from '$lib/server/official-notices/read';
import type { Actions, PageServerLoad } from './$types';

/** One notice of the caller's scope (else 404): its text, how many schools read it, which not. */
export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const notice = await sentNotice(db, principal, routeId(event.params.noticeId));
	const { unread } = readFiguresQuery.parse({
		unread: event.url.searchParams.get('unread') ?? undefined
	});
	const page = pageOf(event.url);
	const [rows, unreadPeople, files] = await Promise.all([
		targetSchools(db, notice.id, { unreadOnly: unread === '1', page }),
		officialUnreadPeople(db, notice.id, notice.include_teachers),
		officialFiles(db, notice.id)
	]);
	return {
		notice,
		schools: rows.slice(0, PAGE_SIZE * 2),
		hasNext: rows.length > PAGE_SIZE * 2,
		page,
		unreadOnly: unread === '1',
		files,
		unreadPeople,
		nextReminder: nextReminderAt(notice.last_reminded_at),
		remindInterval: REMIND_INTERVAL_MINUTES
	};
};

// The gate proved an official; the service reminds only a notice of the caller's scope (else 404).
export const actions = guardedActions(ownScope, {
	remind: async (ctx) => {
		const noticeId = routeId(ctx.event.params.noticeId);
		await sentNotice(ctx.db, ctx.principal, noticeId); // 404 before the form is read
		const form = await readPlainForm(ctx, noticeButtonSchema);
		if (!form || form.notice !== noticeId) return plainInvalid();
		let reminded: OfficialReminder;
		try {
			reminded = await remindOfficialNotice(ctx.db, ctx.actor, noticeId);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'official_notice_reminded', {
			people: reminded.people,
			schools: reminded.schools
		});
	}
}) satisfies Actions;
