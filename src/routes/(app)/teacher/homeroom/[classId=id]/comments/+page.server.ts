import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { todayIso } from '$lib/dates';
import { errorText } from '$lib/i18n/errors';
import { guardedActions, guardedLoad, plainFailure, plainInvalid } from '$lib/server/action';
import { classPupils } from '$lib/server/grades/queries';
import { conductLocks, homeroomScope } from '$lib/server/grades/homeroom';
import {
	checkHomeroomComments,
	classHomeroomComments,
	saveHomeroomComments
} from '$lib/server/grades/homeroom-comments';
import * as m from '$lib/paraglide/messages';
import { COMMENT_TERMS, parseHomeroomCommentForm } from '$lib/schemas/homeroom';
import type { Actions, PageServerLoad } from './$types';

const termSchema = z.enum(COMMENT_TERMS).catch('1');

export const load = guardedLoad(homeroomScope, async ({ db, cls, event }) => {
	const term = termSchema.parse(event.url.searchParams.get('term'));
	const [pupils, comments, locks] = await Promise.all([
		classPupils(db, cls.id),
		classHomeroomComments(db, cls, term),
		conductLocks(db, cls, todayIso())
	]);
	return {
		cls,
		term,
		locked: locks[term],
		pupils: pupils.map((p) => ({
			id: p.id,
			fullName: p.fullName,
			comment: comments.get(p.id) ?? { body: '', version: 0 }
		})),
		saved: z.coerce
			.number()
			.int()
			.min(0)
			.max(1000)
			.nullable()
			.catch(null)
			.parse(event.url.searchParams.get('saved'))
	};
}) satisfies PageServerLoad;

/** What was typed goes back to the page (capped: a 100k paste is refused, not re-rendered whole). */
const ECHO = 1_100;

export const actions = guardedActions(homeroomScope, {
	default: async (ctx) => {
		const form = parseHomeroomCommentForm(Object.fromEntries(await ctx.event.request.formData()));
		if (!form) return plainInvalid();
		const values = Object.fromEntries(
			form.entries.map((e) => [e.studentId, e.text.slice(0, ECHO)])
		);
		const { errors } = checkHomeroomComments(form.entries);
		const count = Object.keys(errors).length;
		if (count)
			return fail(400, {
				error: m.homeroom_comments_has_errors({ count }),
				errors: Object.fromEntries(
					Object.entries(errors).map(([k, e]) => [k, errorText(e.code, { max: e.max })])
				),
				values
			});
		let saved: number;
		try {
			({ saved } = await saveHomeroomComments(
				ctx.db,
				ctx.actor,
				ctx.cls.id,
				form.term,
				form.entries
			));
		} catch (err) {
			const failure = plainFailure(err);
			return fail(failure.status, { ...failure.data, values });
		}
		redirect(303, `${ctx.event.url.pathname}?term=${form.term}&saved=${saved}`);
	}
}) satisfies Actions;
