import { fail, redirect } from '@sveltejs/kit';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	schoolScope,
	type RequestContext
} from '$lib/server/action';
import { DEFAULT_RETENTION_DAYS, retentionOf, setRetention } from '$lib/server/messages/retention';
import { retentionSchema } from '$lib/schemas/messages';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('messages.retention');

/** How long the school keeps its messages (school admin); the daily job deletes older ones. */
export const load = guardedLoad(scope, async ({ db, school, event }) => ({
	school,
	retention: await retentionOf(db, school.id),
	defaultDays: DEFAULT_RETENTION_DAYS,
	saved: event.url.searchParams.get('saved') === '1'
})) satisfies PageServerLoad;

async function save(ctx: RequestContext & { school: { id: number } }) {
	const raw = Object.fromEntries(await ctx.event.request.formData());
	const typed = typeof raw.days === 'string' ? raw.days.slice(0, 20) : '';
	const parsed = retentionSchema.safeParse(raw);
	if (!parsed.success) return fail(400, { days: typed, error: null, invalid: true });
	try {
		await setRetention(ctx.db, ctx.actor, ctx.school.id, parsed.data);
	} catch (err) {
		const failure = plainFailure(err);
		return fail(failure.status, { days: typed, error: failure.data.error, invalid: false });
	}
	redirect(303, `/schools/${ctx.school.id}/messages/retention?saved=1`);
}

export const actions = guardedActions(scope, { default: save }) satisfies Actions;
