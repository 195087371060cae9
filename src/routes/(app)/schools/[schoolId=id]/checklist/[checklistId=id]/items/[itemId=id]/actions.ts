import { fail } from '@sveltejs/kit';

import type { z } from 'zod';
import { errorText } from '$lib/i18n/errors';
import {
	evidenceLinkSchema,
	evidenceRemoveSchema,
	itemReviewSchema,
	itemSchema
} from '$lib/schemas/rollout';
import {
	formFailure,
	guardedAction,
	plainAction,
	plainFailure,
	readForm,
	type RequestContext,
	routeId,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { getConfig } from '$lib/server/config';
import { getFileStorage } from '$lib/server/files';
import { reviewItem, updateItem } from '$lib/server/rollout/checklist-items';
import { addEvidenceFile, addEvidenceLink, removeEvidence } from '$lib/server/rollout/evidence';
import type { Actions } from './$types';

type Ctx = RequestContext & { school: { id: number } };

const ref = (ctx: Ctx) => ({
	schoolId: ctx.school.id,
	checklistId: routeId(ctx.event.params.checklistId),
	itemId: routeId(ctx.event.params.itemId)
});
const storage = () => {
	const config = getConfig();
	return { files: getFileStorage(), maxBytes: config.UPLOAD_MAX_BYTES };
};
const editing = schoolScope('rollout.edit');
const reviewing = schoolScope('rollout.review');

/** An uploaded evidence file from a plain multipart form (works without JavaScript). */
async function upload(ctx: Ctx) {
	const data = await ctx.event.request.formData();
	const file = data.get('file');
	if (!(file instanceof File) || (!file.name && file.size === 0))
		return fail(400, { upload: { error: errorText('rollout_upload_missing') } });
	const { maxBytes } = storage();
	// Refuse before reading the bytes: the size is known from the multipart part.
	if (file.size > maxBytes)
		return fail(413, {
			upload: {
				error: errorText('rollout_upload_too_large', { max: Math.floor(maxBytes / 1048576) })
			}
		});
	const label = String(data.get('label') ?? '').trim() || null;
	try {
		const bytes = new Uint8Array(await file.arrayBuffer());
		const target = ref(ctx);
		await addEvidenceFile(
			ctx.db,
			ctx.principal,
			storage(),
			target,
			{ name: file.name, bytes },
			label
		);
	} catch (err) {
		return plainFailure(err, 'upload');
	}
	savedRedirect(ctx.event.url, 'evidence_added');
}

/**
 * The item form (the school) and the review form (officials) save the same way: validate, write
 * with the version the page showed, give the form the new version.
 */
function versionedItemForm<S extends typeof itemSchema | typeof itemReviewSchema>(
	schema: S,
	id: string,
	write: (
		ctx: Ctx,
		item: ReturnType<typeof ref>,
		data: z.output<S>
	) => Promise<{ version: number }>,
	savedKey: 'saved' | 'review_saved' = 'saved'
) {
	return async (ctx: Ctx) => {
		const form = await readForm(ctx, schema, id);
		if (!form.valid) return fail(400, { form });
		try {
			const res = await write(ctx, ref(ctx), form.data as z.output<S>);
			Object.assign(form.data, { version: res.version });
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, savedKey);
	};
}

const save = versionedItemForm(itemSchema, 'item', (ctx, r, data) =>
	updateItem(ctx.db, ctx.principal, r.schoolId, r.checklistId, r.itemId, data)
);
const review = versionedItemForm(
	itemReviewSchema,
	'review',
	(ctx, r, data) => reviewItem(ctx.db, ctx.principal, r.schoolId, r.checklistId, r.itemId, data),
	'review_saved'
);

async function link(ctx: Ctx) {
	const form = await readForm(ctx, evidenceLinkSchema, 'link');
	if (!form.valid) return fail(400, { form });
	try {
		await addEvidenceLink(ctx.db, ctx.principal, ref(ctx), form.data);
	} catch (err) {
		return formFailure(form, err);
	}
	form.data = { url: '', label: null };
	savedRedirect(ctx.event.url, 'evidence_added');
}

const remove = plainAction(evidenceRemoveSchema, 'remove', async (ctx: Ctx, data) => {
	await removeEvidence(ctx.db, ctx.principal, storage(), ref(ctx), data.evidenceId);
	return { saved: 'removed' };
});

/** The item page's actions: the school edits its item and evidence; officials review it. */
export const itemActions = {
	save: guardedAction(editing, save),
	review: guardedAction(reviewing, review),
	link: guardedAction(editing, link),
	upload: guardedAction(editing, upload),
	remove: guardedAction(editing, remove)
} satisfies Actions;
