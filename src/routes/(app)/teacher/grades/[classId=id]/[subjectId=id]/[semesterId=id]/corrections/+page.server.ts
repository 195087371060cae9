import { fail, redirect } from '@sveltejs/kit';
import { errorText } from '$lib/i18n/errors';
import * as m from '$lib/paraglide/messages';
import { correctionRequestSchema } from '$lib/schemas/grades-checkpoints';
import { guardedActions, guardedLoad } from '$lib/server/action';
import { bookCorrections, requestCorrection } from '$lib/server/grades/corrections';
import { loadGradebook } from '$lib/server/grades/gradebook';
import { gradebookScope } from '$lib/server/grades/form';
import { ConflictError, DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** Only the subject's teacher asks for corrections of their gradebook ('teaching.enter'). */
const scope = gradebookScope('teaching.enter');

export const load = guardedLoad(scope, async ({ db, principal, gradebook, event }) => {
	const book = await loadGradebook(
		db,
		principal,
		gradebook.classId,
		gradebook.subjectId,
		gradebook.semesterId
	);
	return {
		book: {
			url: `/teacher/grades/${book.classId}/${book.subjectId}/${book.semesterId}`,
			className: book.className,
			subjectVi: book.subjectVi,
			subjectEn: book.subjectEn,
			schoolName: book.schoolName,
			schoolYear: book.schoolYear,
			semesterNumber: book.semesterNumber,
			pupils: book.rows.map((r) => ({ id: r.id, fullName: r.fullName })),
			locked: book.columns.filter((c) => book.entry[c].state === 'locked')
		},
		corrections: await bookCorrections(db, gradebook),
		sent: event.url.searchParams.get('sent') === '1'
	};
}) satisfies PageServerLoad;

/** What was typed, echoed back when the request is refused (capped). */
function echo(data: FormData) {
	const get = (k: string, n: number) => String(data.get(k) ?? '').slice(0, n);
	return {
		studentId: get('studentId', 12),
		column: get('column', 4),
		value: get('value', 40),
		reason: get('reason', 1000)
	};
}

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const data = await ctx.event.request.formData();
		const parsed = correctionRequestSchema.safeParse(Object.fromEntries(data));
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, {
				error: m.form_has_errors(),
				field: String(issue?.path[0] ?? ''),
				values: echo(data)
			});
		}
		try {
			await requestCorrection(ctx.db, ctx.actor, ctx.gradebook, parsed.data);
		} catch (err) {
			if (!(err instanceof DomainError || err instanceof ConflictError)) throw err;
			return fail(400, {
				error: err instanceof DomainError ? errorText(err.code, err.params) : m.error_conflict(),
				field: err instanceof DomainError ? (err.field ?? '') : '',
				values: echo(data)
			});
		}
		redirect(303, `${ctx.event.url.pathname}?sent=1`);
	}
}) satisfies Actions;
