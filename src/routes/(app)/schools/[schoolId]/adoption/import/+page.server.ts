import { fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { plainFailure } from '$lib/server/usage/forms';
import {
	commitImport,
	discardImport,
	getImportPreview,
	importContext,
	previewImport
} from '$lib/server/usage/import';
import type { Actions, PageServerLoad } from './$types';

const batchId = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v) ? v : null);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = getDb();
	const schoolId = Number(params.schoolId);
	const platforms = await importContext(db, locals.user!, schoolId);
	const id = batchId(url.searchParams.get('batch'));
	const preview = id ? await getImportPreview(db, locals.user!, schoolId, id) : null;
	return { platforms, preview };
};

export const actions: Actions = {
	preview: async ({ request, locals, params }) => {
		await importContext(getDb(), locals.user!, Number(params.schoolId));
		const data = await request.formData();
		const file = data.get('file');
		const platformId = Number(data.get('platformId'));
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { error: m.usage_import_file_required() });
		if (file.size > getConfig().UPLOAD_MAX_BYTES)
			return fail(413, { error: m.usage_import_too_large() });
		let id: string;
		try {
			({ id } = await previewImport(getDb(), locals.user!, Number(params.schoolId), {
				platformId,
				fileName: file.name,
				bytes: await file.arrayBuffer()
			}));
		} catch (err) {
			return plainFailure(err);
		}
		redirect(303, `?batch=${id}`);
	},
	commit: async ({ request, locals, params }) => {
		await importContext(getDb(), locals.user!, Number(params.schoolId));
		const id = batchId((await request.formData()).get('batch'));
		if (!id) return fail(400, { error: m.v_invalid() });
		try {
			const result = await commitImport(getDb(), locals.user!, Number(params.schoolId), id);
			return { imported: result };
		} catch (err) {
			return plainFailure(err);
		}
	},
	discard: async ({ request, locals, params }) => {
		await importContext(getDb(), locals.user!, Number(params.schoolId));
		const id = batchId((await request.formData()).get('batch'));
		if (!id) return fail(400, { error: m.v_invalid() });
		await discardImport(getDb(), locals.user!, Number(params.schoolId), id);
		redirect(303, '?discarded=1');
	}
};
