import { fail } from '@sveltejs/kit';
import { makeUpDaySchema, removeMakeUpDaySchema } from '$lib/schemas/calendar-make-up';
import {
	formFailure,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	savedRedirect,
	type RequestContext
} from '../action';
import type { Owner } from './days-off';
import { addMakeUpDay, removeMakeUpDay } from './make-up-days';

/**
 * The make-up day actions of a calendar page (the department's and a school's): `addMakeUp` (a
 * superform, errors beside the fields) and `removeMakeUp` (a plain button), like `dayOffActions`.
 */
export function makeUpActions<C extends RequestContext>(ownerOf: (ctx: C) => Owner) {
	return {
		addMakeUp: async (ctx: C) => {
			const form = await readForm(ctx, makeUpDaySchema, 'make-up');
			if (!form.valid) return fail(400, { form });
			try {
				await addMakeUpDay(ctx.db, ctx.actor, ownerOf(ctx), form.data);
			} catch (err) {
				return formFailure(form, err);
			}
			savedRedirect(ctx.event.url, 'calendar_make_up_added');
		},
		removeMakeUp: async (ctx: C) => {
			const data = await readPlainForm(ctx, removeMakeUpDaySchema);
			if (!data) return plainInvalid('makeUps');
			try {
				await removeMakeUpDay(ctx.db, ctx.actor, ownerOf(ctx), data.makeUpId);
			} catch (err) {
				return plainFailure(err, 'makeUps');
			}
			savedRedirect(ctx.event.url, 'calendar_make_up_removed');
		}
	};
}
