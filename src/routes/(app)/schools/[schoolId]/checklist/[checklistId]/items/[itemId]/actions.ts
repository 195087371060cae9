import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { rolloutError } from '$lib/i18n/rollout';
import { evidenceLinkSchema, itemReviewSchema, itemSchema } from '$lib/schemas/rollout';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { getFileStorage } from '$lib/server/files';
import { requireAnyOf } from '$lib/server/rollout/rights';
import { formFailure, plainFailure } from '$lib/server/rollout/action-errors';
import { reviewItem, updateItem } from '$lib/server/rollout/checklist-items';
import { addEvidenceFile, addEvidenceLink, removeEvidence } from '$lib/server/rollout/evidence';
import type { Actions, RequestEvent } from './$types';

const ref = (params: RequestEvent['params']) => ({
	schoolId: Number(params.schoolId),
	checklistId: Number(params.checklistId),
	itemId: Number(params.itemId)
});
const storage = () => {
	const config = getConfig();
	return { files: getFileStorage(), maxBytes: config.UPLOAD_MAX_BYTES };
};

/** An uploaded evidence file from a plain multipart form (works without JavaScript). */
async function upload({ request, locals, params }: RequestEvent) {
	await requireAnyOf(getDb(), locals.user!, Number(params.schoolId), 'rollout.edit');
	const data = await request.formData();
	const file = data.get('file');
	if (!(file instanceof File) || (!file.name && file.size === 0))
		return fail(400, { upload: { error: rolloutError('rollout_upload_missing') } });
	const { maxBytes } = storage();
	// Refuse before reading the bytes: the size is known from the multipart part.
	if (file.size > maxBytes)
		return fail(413, {
			upload: {
				error: rolloutError('rollout_upload_too_large', { max: Math.floor(maxBytes / 1048576) })
			}
		});
	const label = String(data.get('label') ?? '').trim() || null;
	try {
		const bytes = new Uint8Array(await file.arrayBuffer());
		await addEvidenceFile(
			getDb(),
			locals.user!,
			storage(),
			ref(params),
			{ name: file.name, bytes },
			label
		);
	} catch (err) {
		return plainFailure('upload', err);
	}
	return { upload: { ok: true, name: file.name } };
}

export const itemActions: Actions = {
	save: async ({ request, locals, params }) => {
		await requireAnyOf(getDb(), locals.user!, Number(params.schoolId), 'rollout.edit');
		const form = await superValidate(request, zod4(itemSchema), { id: 'item' });
		if (!form.valid) return fail(400, { form });
		const r = ref(params);
		try {
			const res = await updateItem(
				getDb(),
				locals.user!,
				r.schoolId,
				r.checklistId,
				r.itemId,
				form.data
			);
			form.data.version = res.version;
		} catch (err) {
			return formFailure(form, err);
		}
		return message(form, { type: 'success', text: m.saved() });
	},
	review: async ({ request, locals, params }) => {
		await requireAnyOf(getDb(), locals.user!, Number(params.schoolId), 'rollout.review');
		const form = await superValidate(request, zod4(itemReviewSchema), { id: 'review' });
		if (!form.valid) return fail(400, { form });
		const r = ref(params);
		try {
			const res = await reviewItem(
				getDb(),
				locals.user!,
				r.schoolId,
				r.checklistId,
				r.itemId,
				form.data
			);
			form.data.version = res.version;
		} catch (err) {
			return formFailure(form, err);
		}
		return message(form, { type: 'success', text: m.saved() });
	},
	link: async ({ request, locals, params }) => {
		await requireAnyOf(getDb(), locals.user!, Number(params.schoolId), 'rollout.edit');
		const form = await superValidate(request, zod4(evidenceLinkSchema), { id: 'link' });
		if (!form.valid) return fail(400, { form });
		try {
			await addEvidenceLink(getDb(), locals.user!, ref(params), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data = { url: '', label: null };
		return message(form, { type: 'success', text: m.rollout_evidence_added() });
	},
	upload,
	remove: async ({ request, locals, params }) => {
		await requireAnyOf(getDb(), locals.user!, Number(params.schoolId), 'rollout.edit');
		const id = Number((await request.formData()).get('evidenceId'));
		if (!Number.isSafeInteger(id) || id <= 0)
			return fail(400, { remove: { error: m.v_invalid() } });
		try {
			await removeEvidence(getDb(), locals.user!, storage(), ref(params), id);
		} catch (err) {
			return plainFailure('remove', err);
		}
		return { remove: { ok: true } };
	}
};
