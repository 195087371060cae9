import { fail } from '@sveltejs/kit';
import { dayOffSchema, removeDayOffSchema } from '$lib/schemas/calendar';
import {
	formFailure,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	savedRedirect,
	type RequestContext
} from '../action';
import { addDayOff, removeDayOff, type Owner } from './days-off';

/**
 * The two actions of a calendar page, the department's and a school's alike: add a day off (a
 * superform, errors beside the fields) and remove one (a plain button). `ownerOf` names whose days
 * the page edits, from what its scope proved.
 */
export function dayOffActions<C extends RequestContext>(ownerOf: (ctx: C) => Owner) {
	return {
		add: async (ctx: C) => {
			const form = await readForm(ctx, dayOffSchema, 'day-off');
			if (!form.valid) return fail(400, { form });
			try {
				await addDayOff(ctx.db, ctx.actor, ownerOf(ctx), form.data);
			} catch (err) {
				return formFailure(form, err);
			}
			savedRedirect(ctx.event.url, 'calendar_added');
		},
		remove: async (ctx: C) => {
			const data = await readPlainForm(ctx, removeDayOffSchema);
			if (!data) return plainInvalid('days');
			try {
				await removeDayOff(ctx.db, ctx.actor, ownerOf(ctx), data.dayOffId);
			} catch (err) {
				return plainFailure(err, 'days');
			}
			savedRedirect(ctx.event.url, 'calendar_removed');
		}
	};
}
