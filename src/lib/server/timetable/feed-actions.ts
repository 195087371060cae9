import { feedCreateSchema, feedRevokeSchema } from '$lib/schemas/timetable';
import {
	onceByFormKey,
	plainFailure,
	plainInvalid,
	readPlainForm,
	savedRedirect,
	type RequestContext
} from '../action';
import { createFeed, revokeFeed } from './feeds';

/**
 * The two actions of a private calendar link, for every page that offers one (the teacher's week,
 * a parent's child timetable): make a new link, shown once (idempotent by form key: a reload makes
 * none), or revoke it. `guard` proves what the page itself is about before anything is made.
 */
export function feedActions(guard: (ctx: RequestContext) => Promise<void> = async () => {}) {
	return {
		feed: async (ctx: RequestContext) => {
			await guard(ctx);
			const data = await readPlainForm(ctx, feedCreateSchema);
			if (!data) return plainInvalid('feed');
			try {
				const { value } = await onceByFormKey(ctx, 'timetable-feed', data.formKey, async () => ({
					token: await createFeed(ctx.db, ctx.actor)
				}));
				return { feed: { token: value.token } };
			} catch (err) {
				return plainFailure(err, 'feed');
			}
		},
		revokeFeed: async (ctx: RequestContext) => {
			const data = await readPlainForm(ctx, feedRevokeSchema);
			if (!data) return plainInvalid('feed');
			await revokeFeed(ctx.db, ctx.actor);
			savedRedirect(ctx.event.url, 'timetable_feed_revoked');
		}
	};
}
