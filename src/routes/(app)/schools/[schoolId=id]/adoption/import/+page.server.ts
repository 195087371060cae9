import { fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { batchQuerySchema, importBatchSchema, importPreviewSchema } from '$lib/schemas/usage';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	type RequestContext,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { getConfig } from '$lib/server/config';
import {
	commitImport,
	discardImport,
	getImportPreview,
	importContext,
	previewImport
} from '$lib/server/usage/import';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('usage.import');
type Ctx = RequestContext & { school: { id: number } };

export const load = guardedLoad(scope, async ({ db, principal, school, event }) => {
	const platforms = await importContext(db, principal, school.id);
	const { batch } = batchQuerySchema.parse(Object.fromEntries(event.url.searchParams));
	const preview = batch ? await getImportPreview(db, principal, school.id, batch) : null;
	return { platforms, preview };
}) satisfies PageServerLoad;

async function preview(ctx: Ctx) {
	const data = await ctx.event.request.formData();
	const file = data.get('file');
	if (!(file instanceof File) || file.size === 0)
		return fail(400, { error: m.usage_import_file_required() });
	if (file.size > getConfig().UPLOAD_MAX_BYTES)
		return fail(413, { error: m.usage_import_too_large() });
	const fields = importPreviewSchema.safeParse({ platformId: data.get('platformId') });
	if (!fields.success) return plainInvalid();
	let id: string;
	try {
		({ id } = await previewImport(ctx.db, ctx.principal, ctx.school.id, {
			platformId: fields.data.platformId,
			fileName: file.name,
			bytes: await file.arrayBuffer()
		}));
	} catch (err) {
		return plainFailure(err);
	}
	redirect(303, `?batch=${id}`);
}

export const actions = guardedActions(scope, {
	preview,
	commit: async (ctx) => {
		const data = await readPlainForm(ctx, importBatchSchema);
		if (!data) return plainInvalid();
		try {
			const result = await commitImport(ctx.db, ctx.principal, ctx.school.id, data.batch);
			savedRedirect(ctx.event.url, 'usage_imported', {
				accepted: result.accepted,
				duplicates: result.duplicates
			});
		} catch (err) {
			return plainFailure(err);
		}
	},
	discard: async (ctx) => {
		const data = await readPlainForm(ctx, importBatchSchema);
		if (!data) return plainInvalid();
		await discardImport(ctx.db, ctx.principal, ctx.school.id, data.batch);
		redirect(303, '?discarded=1');
	}
}) satisfies Actions;
