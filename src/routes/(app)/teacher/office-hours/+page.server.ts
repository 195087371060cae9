import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { guardedActions, guardedLoad, ownScope } from '$lib/server/action';
import { myOfficeHours, saveOfficeHours } from '$lib/server/messages/office-hours';
import { OFFICE_FIELDS, officeHoursSchema } from '$lib/schemas/office-hours';
import type { Actions, PageServerLoad } from './$types';

/** A teacher's weekly office hours, per school of their staff rows; only their own (404 else). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => ({
	schools: await myOfficeHours(db, principal),
	saved: event.url.searchParams.get('saved') === '1'
})) satisfies PageServerLoad;

/** What a form that does not validate gives back: the typed values and the codes beside fields. */
export interface OfficeHoursFailure {
	staff: string;
	values: Record<string, string>;
	errors: Record<string, string[] | undefined>;
}

export const actions = guardedActions(ownScope, {
	default: async (ctx) => {
		const raw = Object.fromEntries(await ctx.event.request.formData());
		const echo = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 8) : '');
		const values = Object.fromEntries(OFFICE_FIELDS.map((k) => [k, echo(k)]));
		const staff = typeof raw.staff === 'string' ? raw.staff.slice(0, 12) : '';
		const parsed = officeHoursSchema.safeParse(raw);
		if (!parsed.success) {
			const errors = z.flattenError(parsed.error).fieldErrors as OfficeHoursFailure['errors'];
			return fail(400, { staff, values, errors } satisfies OfficeHoursFailure);
		}
		await saveOfficeHours(ctx.db, ctx.actor, parsed.data);
		redirect(303, '/teacher/office-hours?saved=1');
	}
}) satisfies Actions;
