import { fail } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { fetDraftSchema, fetSaveSchema } from '$lib/schemas/timetable-fet';
import {
	guardedActions,
	guardedLoad,
	plainAction,
	plainFailure,
	schoolScope,
	type RequestContext
} from '$lib/server/action';
import { applyFetImport, importFetDraft, previewFet } from '$lib/server/timetable/fet-import';
import { MAX_FET_BYTES } from '$lib/timetable/fet-xml';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

/** FET files: the school's problem and versions as .fet, and a .fet import with a preview. */
export const load = guardedLoad(scope, async ({ school }) => ({
	school: { id: school.id, name: school.name }
})) satisfies PageServerLoad;

async function preview(ctx: RequestContext & { school: { id: number } }) {
	const data = await ctx.event.request.formData();
	const file = data.get('file');
	if (!(file instanceof File) || file.size === 0)
		return fail(400, { fet: { error: m.timetable_fet_file_required() } });
	if (file.size > MAX_FET_BYTES) return fail(413, { fet: { error: m.timetable_fet_too_large() } });
	// a file that is not UTF-8 reads with U+FFFD in place of its bad bytes: XML then names the spot
	const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
	let result: Awaited<ReturnType<typeof previewFet>>;
	try {
		result = await previewFet(ctx.db, ctx.school.id, text);
	} catch (err) {
		return plainFailure(err, 'fet');
	}
	if (!result.ok)
		return fail(400, { fet: { error: m.timetable_fet_errors(), where: result.errors } });
	return { preview: result.preview };
}

export const actions = guardedActions(scope, {
	preview,
	save: plainAction(fetSaveSchema, 'fet', async (ctx, data) => {
		const figures = await applyFetImport(ctx.db, ctx.actor, ctx.school.id, data.changes);
		return { saved: 'timetable_fet_imported', figures };
	}),
	draft: plainAction(fetDraftSchema, 'fet', async (ctx, data) => {
		const { changes, placements } = data;
		const saved = await importFetDraft(ctx.db, ctx.actor, ctx.school.id, changes, placements);
		return {
			saved: 'timetable_fet_draft_imported',
			figures: { placed: saved.placed, unplaced: saved.unplaced },
			path: `/schools/${ctx.school.id}/timetable/${saved.versionId}/edit`
		};
	})
}) satisfies Actions;
