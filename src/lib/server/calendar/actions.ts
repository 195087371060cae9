import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import type { SavedKey } from '$lib/saved';
import { dayOffSchema, removeDayOffSchema } from '$lib/schemas/calendar';
import { makeUpDaySchema, removeMakeUpDaySchema } from '$lib/schemas/calendar-make-up';
import type { Actor } from '../audit';
import type { DB } from '../db';
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
import { addMakeUpDay, removeMakeUpDay } from './make-up-days';

/**
 * The actions of a calendar page, the department's and a school's alike: days off and make-up
 * days, each added with a superform (errors beside the fields) and removed with a plain button.
 * `ownerOf` names whose days the page edits, from what its scope proved.
 */
export function calendarActions<C extends RequestContext>(ownerOf: (ctx: C) => Owner) {
	return {
		add: addAction(ownerOf, {
			schema: dayOffSchema,
			formId: 'day-off',
			write: addDayOff,
			saved: 'calendar_added'
		}),
		remove: removeAction(ownerOf, {
			schema: removeDayOffSchema,
			key: 'days',
			write: (db, actor, owner, data) => removeDayOff(db, actor, owner, data.dayOffId),
			saved: 'calendar_removed'
		}),
		addMakeUp: addAction(ownerOf, {
			schema: makeUpDaySchema,
			formId: 'make-up',
			write: addMakeUpDay,
			saved: 'calendar_make_up_added'
		}),
		removeMakeUp: removeAction(ownerOf, {
			schema: removeMakeUpDaySchema,
			key: 'makeUps',
			write: (db, actor, owner, data) => removeMakeUpDay(db, actor, owner, data.makeUpId),
			saved: 'calendar_make_up_removed'
		})
	};
}

type Write<T> = (db: DB, actor: Actor, owner: Owner, data: T) => Promise<unknown>;

/** Adds one of the owner's days from a superform; a domain error goes beside its field. */
function addAction<C extends RequestContext, S extends z.ZodObject>(
	ownerOf: (ctx: C) => Owner,
	spec: { schema: S; formId: string; write: Write<z.infer<S>>; saved: SavedKey }
) {
	return async (ctx: C) => {
		const form = await readForm(ctx, spec.schema, spec.formId);
		if (!form.valid) return fail(400, { form });
		try {
			await spec.write(ctx.db, ctx.actor, ownerOf(ctx), form.data as z.infer<S>);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, spec.saved);
	};
}

/** Removes one of the owner's days (a plain button); errors under the table named by `key`. */
function removeAction<C extends RequestContext, S extends z.ZodType, K extends string>(
	ownerOf: (ctx: C) => Owner,
	spec: { schema: S; key: K; write: Write<z.infer<S>>; saved: SavedKey }
) {
	return async (ctx: C) => {
		const data = await readPlainForm(ctx, spec.schema);
		if (!data) return plainInvalid(spec.key);
		try {
			await spec.write(ctx.db, ctx.actor, ownerOf(ctx), data);
		} catch (err) {
			return plainFailure(err, spec.key);
		}
		savedRedirect(ctx.event.url, spec.saved);
	};
}
