import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { waveAssignSchema, waveSchema } from '$lib/schemas/rollout';
import { listVisibleAreas } from '$lib/server/org/schools';
import {
	assignAreaToWave,
	countWaveSchools,
	getWave,
	listWaveSchools,
	updateWave
} from '$lib/server/rollout/waves';
import type { Actions, PageServerLoad } from './$types';
import {
	departmentScope,
	formFailure,
	guardedActions,
	pageOf,
	readForm,
	type RequestContext,
	requestContext,
	routeId,
	savedRedirect
} from '$lib/server/action';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const wave = await getWave(db, principal, routeId(event.params.waveId));
	const page = pageOf(event.url);
	const [schools, total, areas, form, assignForm] = await Promise.all([
		listWaveSchools(db, wave.id, page),
		countWaveSchools(db, wave.id),
		listVisibleAreas(db, principal),
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

const waveId = (ctx: RequestContext) => routeId(ctx.event.params.waveId);

export const actions = guardedActions(departmentScope('rollout.configure'), {
	save: async (ctx) => {
		const form = await readForm(ctx, waveSchema, 'wave-edit');
		if (!form.valid) return fail(400, { form });
		try {
			await updateWave(ctx.db, ctx.principal, waveId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		form.data.version = (form.data.version ?? 0) + 1;
		savedRedirect(ctx.event.url, 'saved');
	},
	assign: async (ctx) => {
		const form = await readForm(ctx, waveAssignSchema, 'wave-assign');
		if (!form.valid) return fail(400, { form });
		let count: number;
		try {
			count = await assignAreaToWave(ctx.db, ctx.principal, waveId(ctx), form.data);
		} catch (err) {
			return formFailure(form, err);
		}
		savedRedirect(ctx.event.url, 'rollout_assigned', { count });
	}
}) satisfies Actions;
