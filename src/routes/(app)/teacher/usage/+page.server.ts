import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { todayIso } from '$lib/dates';
import { entryRepeatSchema, quickLogSchema, staffQuerySchema } from '$lib/schemas/usage';
import { LOGGABLE_DAYS, windowStart } from '$lib/usage/adoption';
import {
	formFailure,
	guardedActions,
	ownScope,
	plainFailure,
	readPlainForm,
	requestContext,
	savedRedirect
} from '$lib/server/action';
import { logEntry, repeatLastEntry } from '$lib/server/usage/entries';
import {
	findLastEntry,
	listOwnEntries,
	loggingContext,
	personalFigures
} from '$lib/server/usage/teacher';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const { url } = event;
	const schools = await loggingContext(db, principal);
	const { staff } = staffQuerySchema.parse(Object.fromEntries(url.searchParams));
	const school = schools.find((s) => s.staffId === staff) ?? schools[0] ?? null;
	const today = todayIso();
	// The staff ids just read are the scope of the rest (one query less each, index-friendly).
	const own = { staffIds: schools.map((s) => s.staffId) };
	const [figures, recent, last, form] = await Promise.all([
		personalFigures(db, own),
		listOwnEntries(db, own, { pageSize: 5, count: false }),
		findLastEntry(db, own),
		superValidate(
			{
				staffId: school?.staffId,
				platformId: school?.platforms[0]?.id,
				date: today,
				classIds: []
			},
			zod4(quickLogSchema),
			{ errors: false, id: 'log' }
		)
	]);
	return {
		schools,
		school,
		today,
		minDate: windowStart(today, LOGGABLE_DAYS),
		form,
		figures,
		recent: recent.rows,
		last,
		logged: url.searchParams.has('logged')
	};
};

export const actions = guardedActions(ownScope, {
	log: async (ctx) => {
		const data = await ctx.event.request.formData();
		const form = await superValidate(data, zod4(quickLogSchema), { id: 'log' });
		if (!form.valid) return fail(400, { form });
		try {
			await logEntry(ctx.db, ctx.principal, form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		// The quick-log card of the teacher's home posts here and comes back to this page.
		if (data.get('from') === 'home') redirect(303, '/teacher/usage?logged=1');
		const { staffId, platformId } = form.data;
		form.data = { ...form.data, staffId, platformId, classIds: [], note: null };
		form.data.periods = undefined;
		form.data.minutes = undefined;
		form.data.students = undefined;
		// A use of another day is not among today's: say which day, and link to its week.
		const day = form.data.date;
		if (day === todayIso()) savedRedirect(ctx.event.url, 'usage_saved');
		savedRedirect(ctx.event.url, 'usage_saved_on', { day });
	},
	repeat: async (ctx) => {
		const data = await readPlainForm(ctx, entryRepeatSchema);
		if (!data) return fail(400, { repeatError: m.form_has_errors() });
		try {
			const result = await repeatLastEntry(ctx.db, ctx.principal, new Date(), data.lastId);
			if (!result) return fail(400, { repeatError: m.usage_nothing_to_repeat() });
		} catch (err) {
			const failure = plainFailure(err, 'repeat');
			return fail(failure.status, { repeatError: failure.data.repeat.error });
		}
		savedRedirect(ctx.event.url, 'usage_saved');
	}
}) satisfies Actions;
