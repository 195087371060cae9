import { guardedActions, guardedLoad, pageOf, plainAction, schoolScope } from '$lib/server/action';
import { retryDeliverySchema } from '$lib/schemas/dead-deliveries';
import { deadDeliveries, PAGE_SIZE, retryDelivery } from '$lib/server/messages/dead-deliveries';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('messages.deliveries');

/** The school's dead e-mails and push notifications (no text), newest first, 50 a page. */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const page = pageOf(event.url);
	const rows = await deadDeliveries(db, school.id, page);
	return { school, rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE, page };
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	retry: plainAction(retryDeliverySchema, null, async (ctx, form) => {
		await retryDelivery(ctx.db, ctx.actor, ctx.school.id, form.channel, form.delivery);
		return { saved: 'delivery_retried' };
	})
}) satisfies Actions;
