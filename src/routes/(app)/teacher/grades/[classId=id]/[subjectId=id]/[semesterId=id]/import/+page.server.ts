import { fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { gradeImportBatchSchema, gradeImportQuerySchema } from '$lib/schemas/grades-sheet';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	type RequestContext
} from '$lib/server/action';
import { gradebookScope } from '$lib/server/grades/form';
import type { GradebookScope } from '$lib/server/grades/queries';
import {
	confirmGradeImport,
	createGradeImport,
	discardGradeImport,
	getGradeImport,
	GradeImportConflictError,
	GRADES_IMPORT_LIMITS,
	readGradeFile
} from '$lib/server/grades/sheet-import';
import { planColumns } from '$lib/schemas/grades';
import type { Actions, PageServerLoad } from './$types';

/** Only the subject's teacher imports ('teaching.enter'); anyone else gets 404. */
const scope = gradebookScope('teaching.enter');
type Ctx = RequestContext & { gradebook: GradebookScope };

export const load = guardedLoad(scope, async ({ db, principal, gradebook, event }) => {
	const { batch } = gradeImportQuerySchema.parse(Object.fromEntries(event.url.searchParams));
	const preview = batch ? await getGradeImport(db, principal, gradebook, batch) : null;
	return {
		book: gradebook,
		columns: planColumns(gradebook.plan.regularCount),
		preview,
		limits: { mb: GRADES_IMPORT_LIMITS.maxBytes / 1024 / 1024, rows: GRADES_IMPORT_LIMITS.maxRows },
		discarded: event.url.searchParams.has('discarded')
	};
}) satisfies PageServerLoad;

async function upload(ctx: Ctx) {
	const data = await ctx.event.request.formData();
	const file = data.get('file');
	if (!(file instanceof File) || file.size === 0)
		return fail(400, { error: m.grades_sheet_file_required() });
	let id: string;
	try {
		const sheet = await readGradeFile(file.name, new Uint8Array(await file.arrayBuffer()));
		id = await createGradeImport(ctx.db, ctx.actor, ctx.gradebook, { fileName: file.name, sheet });
	} catch (err) {
		return plainFailure(err);
	}
	redirect(303, `?batch=${id}`);
}

async function confirm(ctx: Ctx) {
	const data = await readPlainForm(ctx, gradeImportBatchSchema);
	if (!data) return plainInvalid();
	try {
		const outcome = await confirmGradeImport(ctx.db, ctx.actor, ctx.gradebook, data.batch);
		if (!outcome.ok)
			return fail(outcome.reason === 'closed' ? 409 : 400, {
				error: outcome.reason === 'closed' ? m.grades_sheet_closed() : m.grades_sheet_fix_errors()
			});
	} catch (err) {
		if (err instanceof GradeImportConflictError)
			return fail(409, { error: m.grades_sheet_conflict({ rows: err.rows.join(', ') }) });
		return plainFailure(err);
	}
	const book = ctx.gradebook;
	redirect(303, `/teacher/grades/${book.classId}/${book.subjectId}/${book.semesterId}?saved=1`);
}

export const actions = guardedActions(scope, {
	upload,
	confirm,
	discard: async (ctx) => {
		const data = await readPlainForm(ctx, gradeImportBatchSchema);
		if (!data) return plainInvalid();
		await discardGradeImport(ctx.db, ctx.principal, ctx.gradebook, data.batch);
		redirect(303, '?discarded=1');
	}
}) satisfies Actions;
