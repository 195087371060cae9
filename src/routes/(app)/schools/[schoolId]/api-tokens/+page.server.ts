import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import { tokenCreateSchema } from '$lib/schemas/usage';
import { idParam } from '$lib/server/api/http';
import { getDb } from '$lib/server/db';
import { activePlatforms } from '$lib/server/usage/figures-common';
import { formFailure, plainFailure } from '$lib/server/usage/forms';
import {
	createSchoolToken,
	listSchoolTokens,
	requireSchoolTokens,
	revokeSchoolToken
} from '$lib/server/usage/tokens';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const tokens = await listSchoolTokens(db, locals.user!, Number(params.schoolId));
	return {
		tokens,
		platforms: await activePlatforms(db),
		form: await superValidate(zod4(tokenCreateSchema), { id: 'token' })
	};
};

export const actions: Actions = {
	create: async ({ request, locals, params }) => {
		await requireSchoolTokens(getDb(), locals.user!, Number(params.schoolId));
		const form = await superValidate(request, zod4(tokenCreateSchema), { id: 'token' });
		if (!form.valid) return fail(400, { form });
		try {
			const created = await createSchoolToken(
				getDb(),
				locals.user!,
				Number(params.schoolId),
				form.data
			);
			form.data = { name: '', platformId: 0 };
			return { form, created: { token: created.token } };
		} catch (err) {
			return formFailure(form, err);
		}
	},
	revoke: async ({ request, locals, params }) => {
		await requireSchoolTokens(getDb(), locals.user!, Number(params.schoolId));
		const tokenId = idParam(String((await request.formData()).get('tokenId') ?? ''));
		if (tokenId === null) return fail(400, { error: m.v_invalid() });
		try {
			await revokeSchoolToken(getDb(), locals.user!, Number(params.schoolId), tokenId);
		} catch (err) {
			return plainFailure(err);
		}
		return { revoked: true };
	}
};
