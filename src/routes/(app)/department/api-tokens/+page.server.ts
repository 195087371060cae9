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
	createDepartmentToken,
	listDepartmentTokens,
	revokeDepartmentToken
} from '$lib/server/usage/tokens';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = getDb();
	const tokens = await listDepartmentTokens(db, locals.user!);
	return {
		tokens,
		platforms: await activePlatforms(db),
		form: await superValidate(zod4(tokenCreateSchema), { id: 'token' })
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(tokenCreateSchema), { id: 'token' });
		if (!form.valid) return fail(400, { form });
		try {
			const created = await createDepartmentToken(getDb(), locals.user!, form.data);
			form.data = { name: '', platformId: 0 };
			return { form, created: { token: created.token } };
		} catch (err) {
			return formFailure(form, err);
		}
	},
	revoke: async ({ request, locals }) => {
		const tokenId = idParam(String((await request.formData()).get('tokenId') ?? ''));
		if (tokenId === null) return fail(400, { error: m.v_invalid() });
		try {
			await revokeDepartmentToken(getDb(), locals.user!, tokenId);
		} catch (err) {
			return plainFailure(err);
		}
		return { revoked: true };
	}
};
