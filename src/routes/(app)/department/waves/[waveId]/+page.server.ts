import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { waveAssignSchema, waveSchema } from '$lib/schemas/rollout';
import { requireDepartment } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { listVisibleAreas } from '$lib/server/org/schools';
import { formFailure } from '$lib/server/rollout/action-errors';
import {
	assignAreaToWave,
	countWaveSchools,
	getWave,
	listWaveSchools,
	updateWave
} from '$lib/server/rollout/waves';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = getDb();
	const wave = await getWave(db, locals.user!, Number(params.waveId));
	const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
	const [schools, total, areas, form, assignForm] = await Promise.all([
		listWaveSchools(db, wave.id, page),
		countWaveSchools(db, wave.id),
		listVisibleAreas(db, locals.user!),
		superValidate(
			{
				ordinal: wave.ordinal,
				name: wave.name,
				startsOn: wave.starts_on,
				targetOn: wave.target_on,
				note: wave.note,
				version: wave.version
			},
			zod4(waveSchema),
			{ id: 'wave-edit', errors: false }
		),
		superValidate(zod4(waveAssignSchema), { id: 'wave-assign' })
	]);
	return {
		wave,
		schools,
		page,
		pages: Math.max(1, Math.ceil(total / 100)),
		areas,
		form,
		assignForm
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(waveSchema), { id: 'wave-edit' });
		if (!form.valid) return fail(400, { form });
		try {
			await updateWave(getDb(), locals.user!, Number(params.waveId), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version = (form.data.version ?? 0) + 1;
		return message(form, { type: 'success', text: m.saved() });
	},
	assign: async ({ request, locals, params }) => {
		requireDepartment(locals.user!, 'rollout.configure');
		const form = await superValidate(request, zod4(waveAssignSchema), { id: 'wave-assign' });
		if (!form.valid) return fail(400, { form });
		let count: number;
		try {
			count = await assignAreaToWave(getDb(), locals.user!, Number(params.waveId), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		return message(form, { type: 'success', text: m.rollout_assigned({ count: String(count) }) });
	}
};
