import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { todayIso } from '$lib/dates';
import { entryDeleteSchema, entryEditSchema } from '$lib/schemas/usage';
import { LOGGABLE_DAYS, windowStart } from '$lib/usage/adoption';
import {
	formFailure,
	guardedActions,
	plainAction,
	readForm,
	type RequestContext,
	requestContext,
	routeId,
	savedRedirect,
	type Scope
} from '$lib/server/action';
import { deleteEntry, updateEntry } from '$lib/server/usage/entries';
import { findOwnEntry, loggingContext } from '$lib/server/usage/teacher';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const entry = await findOwnEntry(db, principal, routeId(event.params.entryId));
	if (!entry) error(404, 'Not found');
	const schools = await loggingContext(db, principal);
	const school = schools.find((s) => s.staffId === entry.staff_id) ?? null;
	const today = todayIso();
	const form = await superValidate(
		{
			staffId: entry.staff_id,
			platformId: entry.platform_id,
			date: entry.occurred_on,
			classIds: entry.class_ids,
			periods: entry.periods ?? undefined,
			minutes: entry.periods ? undefined : (entry.minutes ?? undefined),
			students: entry.students ?? undefined,
			note: entry.note,
			version: entry.version
		},
		zod4(entryEditSchema),
		{ errors: false, id: 'edit' }
	);
	const earliest = windowStart(today, LOGGABLE_DAYS);
	return {
		entry,
		school,
		form,
		today,
		minDate: entry.occurred_on < earliest ? entry.occurred_on : earliest
	};
};

const entryId = (ctx: RequestContext) => routeId(ctx.event.params.entryId);

/**
 * The caller's own entry, proved before the form is read: another teacher gets 404, not a
 * validation error (the services check again under the row lock).
 */
const ownEntryScope: Scope<object> = async (ctx) => {
	if (!(await findOwnEntry(ctx.db, ctx.principal, entryId(ctx)))) error(404, 'Not found');
	return {};
};

export const actions = guardedActions(ownEntryScope, {
	save: async (ctx) => {
		const form = await readForm(ctx, entryEditSchema, 'edit');
		if (!form.valid) return fail(400, { form });
		try {
			await updateEntry(ctx.db, ctx.principal, entryId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version += 1;
		savedRedirect(ctx.event.url, 'usage_updated');
	},
	delete: plainAction(entryDeleteSchema, null, async (ctx, data) => {
		await deleteEntry(ctx.db, ctx.principal, entryId(ctx), new Date(), data.version);
		return { redirect: '/teacher/usage/history' };
	})
}) satisfies Actions;
