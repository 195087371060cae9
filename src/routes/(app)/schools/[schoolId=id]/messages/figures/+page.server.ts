import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { addDays, todayIso } from '$lib/dates';
import { figuresMonthSchema, holidayDaySchema, holidaySchema } from '$lib/schemas/response-figures';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	schoolScope,
	type RequestContext
} from '$lib/server/action';
import {
	addHoliday,
	holidaysOf,
	removeHoliday,
	responseFigures
} from '$lib/server/messages/response-figures';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('messages.figures');

/** The school's response figures of a month (`?month=`) and its days off (school admin). */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const month =
		figuresMonthSchema.catch(undefined).parse(event.url.searchParams.get('month') ?? undefined) ??
		todayIso().slice(0, 7);
	return {
		school,
		month,
		figures: await responseFigures(db, school.id, month),
		holidays: await holidaysOf(db, school.id, addDays(todayIso(), -400)),
		saved: event.url.searchParams.get('saved') === '1'
	};
}) satisfies PageServerLoad;

type Errors = Record<string, string[] | undefined>;
type Ctx = RequestContext & { school: { id: number } };
const back = (ctx: Ctx) => `/schools/${ctx.school.id}/messages/figures?saved=1`;
const typed = (v: FormDataEntryValue | null, n: number) =>
	typeof v === 'string' ? v.slice(0, n) : '';

async function add(ctx: Ctx) {
	const data = await ctx.event.request.formData();
	const values = { day: typed(data.get('day'), 12), name: typed(data.get('name'), 100) };
	const parsed = holidaySchema.safeParse({ day: data.get('day'), name: data.get('name') });
	if (!parsed.success) {
		const errors: Errors = z.flattenError(parsed.error).fieldErrors;
		return fail(400, { holiday: { values, errors } });
	}
	try {
		await addHoliday(ctx.db, ctx.actor, ctx.school.id, parsed.data);
	} catch (err) {
		if (err instanceof DomainError && err.field === 'day')
			return fail(400, { holiday: { values, errors: { day: [err.code] } as Errors } });
		return plainFailure(err);
	}
	redirect(303, back(ctx));
}

async function remove(ctx: Ctx) {
	const data = await ctx.event.request.formData();
	const parsed = holidayDaySchema.safeParse({ day: data.get('day') });
	if (!parsed.success) return plainInvalid();
	await removeHoliday(ctx.db, ctx.actor, ctx.school.id, parsed.data.day);
	redirect(303, back(ctx));
}

export const actions = guardedActions(scope, { add, remove }) satisfies Actions;
