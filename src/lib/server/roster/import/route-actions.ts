import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { rosterText } from '$lib/i18n/roster';
import { importKindLabel } from '$lib/i18n/roster';
import { schoolImportSchema, schoolsImportSchema } from '$lib/schemas/roster';
import { IMPORT_COLUMNS, SCHOOL_IMPORT_KINDS, type ImportKind } from '$lib/roster/import-columns';
import { getDb } from '../../db';
import { actorOf } from '../form-result';
import {
	confirmBatch,
	createBatch,
	discardBatch,
	getBatch,
	listBatches,
	type ImportScope
} from './batches';
import { IMPORT_LIMITS, ImportFileError, parseImportFile } from './parse';
import { TEMPLATE_TYPES, templateCsv, templateXlsx } from './templates';

/**
 * The import pages of a school (/schools/[id]/imports) and of the department
 * (/department/imports) differ only in their scope and kinds: the loads and actions live here.
 */
type ScopeOf = (event: RequestEvent) => ImportScope;
const schemaFor = (scope: ImportScope) =>
	scope.type === 'school' ? schoolImportSchema : schoolsImportSchema;

export function importPageLoad(scopeOf: ScopeOf) {
	return async (event: RequestEvent) => {
		const scope = scopeOf(event);
		const batches = await listBatches(getDb(), event.locals.user!, scope);
		const kinds: ImportKind[] = scope.type === 'school' ? [...SCHOOL_IMPORT_KINDS] : ['schools'];
		const form = await superValidate(zod4(schemaFor(scope) as typeof schoolImportSchema), {
			id: 'upload'
		});
		return {
			batches,
			form,
			kinds: kinds.map((kind) => ({ kind, columns: IMPORT_COLUMNS[kind] })),
			limits: { mb: IMPORT_LIMITS.maxBytes / 1024 / 1024, rows: IMPORT_LIMITS.maxRows }
		};
	};
}

export function uploadAction(scopeOf: ScopeOf, base: (event: RequestEvent) => string) {
	return async (event: RequestEvent) => {
		const scope = scopeOf(event);
		const form = await superValidate(
			event.request,
			zod4(schemaFor(scope) as typeof schoolImportSchema),
			{ id: 'upload' }
		);
		const fileError = (text: string) => {
			form.valid = false;
			form.errors.file = [text];
			return fail(400, withFiles({ form }));
		};
		if (!form.valid) {
			if (form.errors.file) form.errors.file = form.errors.file.map((e) => rosterText(e));
			return fail(400, withFiles({ form }));
		}
		const { file, updateExisting } = form.data;
		const kind: ImportKind = scope.type === 'school' ? form.data.kind : 'schools';
		if (file.size > IMPORT_LIMITS.maxBytes)
			return fileError(
				rosterText('roster_import_too_big', { max: IMPORT_LIMITS.maxBytes / 1024 / 1024 })
			);
		let sheet;
		try {
			sheet = await parseImportFile(file.name, new Uint8Array(await file.arrayBuffer()));
		} catch (err) {
			if (err instanceof ImportFileError) return fileError(rosterText(err.code, err.params));
			throw err;
		}
		const id = await createBatch(getDb(), actorOf(event.locals), scope, {
			kind,
			fileName: file.name,
			updateExisting,
			sheet
		});
		redirect(303, `${base(event)}/${id}`);
	};
}

const ERRORS_PER_PAGE = 200;

export function previewLoad(scopeOf: ScopeOf) {
	return async (event: RequestEvent) => {
		const batch = await getBatch(
			getDb(),
			event.locals.user!,
			scopeOf(event),
			event.params.batchId ?? ''
		);
		const pages = Math.max(1, Math.ceil(batch.errors.length / ERRORS_PER_PAGE));
		const page = Math.min(pages, Math.max(1, Number(event.url.searchParams.get('page')) || 1));
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
	};
}

export function confirmAction(scopeOf: ScopeOf) {
	return async (event: RequestEvent) => {
		const id = event.params.batchId ?? '';
		const result = await confirmBatch(getDb(), actorOf(event.locals), scopeOf(event), id);
		if (!result.ok)
			return fail(409, {
				error: result.errors ? m.roster_import_changed() : m.roster_import_expired()
			});
		redirect(303, event.url.pathname);
	};
}

export function discardAction(scopeOf: ScopeOf, base: (event: RequestEvent) => string) {
	return async (event: RequestEvent) => {
		await discardBatch(getDb(), actorOf(event.locals), scopeOf(event), event.params.batchId ?? '');
		redirect(303, `${base(event)}?discarded=1`);
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
			'content-type': TEMPLATE_TYPES[ext],
			'content-disposition': `attachment; filename="mau-nhap-${kind}.${ext}"`,
			'cache-control': 'private, max-age=300'
		}
	});
}
