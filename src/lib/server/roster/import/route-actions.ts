import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { z } from 'zod';
import { errorText, translateError } from '$lib/i18n/errors';
import { importKindLabel } from '$lib/i18n/roster';
import { schoolImportSchema, schoolsImportSchema } from '$lib/schemas/roster';
import { IMPORT_COLUMNS, SCHOOL_IMPORT_KINDS, type ImportKind } from '$lib/roster/import-columns';
import {
	guardedActions,
	guardedLoad,
	readForm,
	schoolScope,
	type RequestContext,
	type Scope
} from '../../action';
import { requireDepartments } from '../../auth/access';
import {
	confirmBatch,
	createBatch,
	discardBatch,
	getBatch,
	listBatches,
	type ImportScope
} from './batches';
import { SpreadsheetError } from '../../spreadsheet/errors';
import { SHEET_TYPES } from '../../spreadsheet/write';
import { IMPORT_LIMITS, parseImportFile } from './parse';
import { templateCsv, templateXlsx } from './templates';

/**
 * The import pages of a school (/schools/[id]/imports) and of the department
 * (/department/imports) differ only in their scope and kinds: the loads and actions live here,
 * behind the scope each page proves first.
 */
interface ImportContext {
	importScope: ImportScope;
	base: string;
}

/** A school's imports: its admins (roster.manage), else 404. */
export const schoolImports: Scope<ImportContext> = async (ctx) => {
	const { school } = await schoolScope('roster.manage')(ctx);
	return {
		importScope: { type: 'school', schoolId: school.id },
		base: `/schools/${school.id}/imports`
	};
};

/** The department's school-list import (department.schools), else 404. */
export const departmentImports: Scope<ImportContext> = (ctx) => {
	const [departmentId] = requireDepartments(ctx.principal, 'department.schools');
	return { importScope: { type: 'department', departmentId }, base: '/department/imports' };
};

const schemaFor = (scope: ImportScope) =>
	scope.type === 'school' ? schoolImportSchema : schoolsImportSchema;

/** The upload page: its batches and the upload form. */
export function importPage(scope: Scope<ImportContext>) {
	return {
		load: guardedLoad(scope, async ({ db, principal, importScope }) => {
			const batches = await listBatches(db, principal, importScope);
			const kinds: ImportKind[] =
				importScope.type === 'school' ? [...SCHOOL_IMPORT_KINDS] : ['schools'];
			const form = await superValidate(zod4(schemaFor(importScope) as typeof schoolImportSchema), {
				id: 'upload'
			});
			return {
				batches,
				form,
				kinds: kinds.map((kind) => ({ kind, columns: IMPORT_COLUMNS[kind] })),
				limits: { mb: IMPORT_LIMITS.maxBytes / 1024 / 1024, rows: IMPORT_LIMITS.maxRows }
			};
		}),
		actions: guardedActions(scope, { upload })
	};
}

async function upload(ctx: RequestContext & ImportContext) {
	const { importScope } = ctx;
	const form = await readForm(ctx, schemaFor(importScope) as typeof schoolImportSchema, 'upload');
	const fileError = (text: string) => {
		form.valid = false;
		form.errors.file = [text];
		return fail(400, withFiles({ form }));
	};
	if (!form.valid) {
		if (form.errors.file) form.errors.file = form.errors.file.map((e) => translateError(e));
		return fail(400, withFiles({ form }));
	}
	const { file, updateExisting } = form.data;
	const kind: ImportKind = importScope.type === 'school' ? form.data.kind : 'schools';
	let sheet;
	try {
		sheet = await parseImportFile(file.name, new Uint8Array(await file.arrayBuffer()));
	} catch (err) {
		if (err instanceof SpreadsheetError) return fileError(errorText(err.code, err.params));
		throw err;
	}
	const id = await createBatch(ctx.db, ctx.actor, importScope, {
		kind,
		fileName: file.name,
		updateExisting,
		sheet
	});
	redirect(303, `${ctx.base}/${id}`);
}

const ERRORS_PER_PAGE = 200;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** The preview page of one batch: its row errors (paged), confirm and discard. */
export function previewPage(scope: Scope<ImportContext>) {
	return {
		load: guardedLoad(scope, async ({ db, principal, importScope, event }) => {
			const batch = await getBatch(db, principal, importScope, event.params.batchId ?? '');
			const pages = Math.max(1, Math.ceil(batch.errors.length / ERRORS_PER_PAGE));
			const query = pageQuery.parse(Object.fromEntries(event.url.searchParams));
			const page = Math.min(pages, query.page);
			return {
				batch: {
					...batch,
					errors: batch.errors.slice((page - 1) * ERRORS_PER_PAGE, page * ERRORS_PER_PAGE)
				},
				errorCount: batch.errors.length,
				page,
				pages,
				columns: IMPORT_COLUMNS[batch.kind as ImportKind] ?? []
			};
		}),
		actions: guardedActions(scope, {
			confirm: async (ctx) => {
				const id = ctx.event.params.batchId ?? '';
				const result = await confirmBatch(ctx.db, ctx.actor, ctx.importScope, id);
				if (!result.ok)
					return fail(409, {
						error: result.errors ? m.roster_import_changed() : m.roster_import_expired()
					});
				redirect(303, ctx.event.url.pathname);
			},
			discard: async (ctx) => {
				await discardBatch(ctx.db, ctx.actor, ctx.importScope, ctx.event.params.batchId ?? '');
				redirect(303, `${ctx.base}?discarded=1`);
			}
		})
	};
}

/** GET …/template/<kind>.<csv|xlsx> */
export async function templateResponse(
	kinds: readonly ImportKind[],
	file: string
): Promise<Response> {
	const match = /^([a-z]+)\.(csv|xlsx)$/.exec(file);
	const kind = match?.[1] as ImportKind | undefined;
	if (!match || !kind || !kinds.includes(kind)) error(404, { message: 'Not found' });
	const ext = match[2] as 'csv' | 'xlsx';
	const body = ext === 'csv' ? templateCsv(kind) : await templateXlsx(kind, importKindLabel(kind));
	return new Response(body as BodyInit, {
		headers: {
			'content-type': SHEET_TYPES[ext],
			'content-disposition': `attachment; filename="mau-nhap-${kind}.${ext}"`,
			'cache-control': 'private, max-age=300'
		}
	});
}
