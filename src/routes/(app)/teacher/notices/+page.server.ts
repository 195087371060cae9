import { guardedLoad, ownScope } from '$lib/server/action';
import { receivedNotices } from '$lib/server/messages/notice-read';
import { readNotifications } from '$lib/server/messages/notifications';
import type { PageServerLoad } from './$types';

/** The notices addressed to the caller only (their own recipient rows). */
export const load = guardedLoad(ownScope, async ({ db, principal }) => ({
	auto: await readNotifications(db, principal),
	notices: await receivedNotices(db, principal, 'staff')
})) satisfies PageServerLoad;
