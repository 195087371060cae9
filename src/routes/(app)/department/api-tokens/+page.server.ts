import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { tokenCreateSchema, tokenRevokeSchema } from '$lib/schemas/usage';
import {
	departmentScope,
	formFailure,
	guardedActions,
	guardedLoad,
	newFormKey,
	onceByFormKey,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	savedRedirect
} from '$lib/server/action';
import { activePlatforms } from '$lib/server/usage/figures-common';
import {
	createDepartmentToken,
	listDepartmentTokens,
	revokeDepartmentToken
} from '$lib/server/usage/tokens';
import type { Actions, PageServerLoad } from './$types';

const scope = departmentScope('usage.department_tokens');

export const load = guardedLoad(scope, async ({ db, principal }) => ({
	tokens: await listDepartmentTokens(db, principal),
	platforms: await activePlatforms(db),
	form: await superValidate({ formKey: newFormKey() }, zod4(tokenCreateSchema), {
		id: 'token',
		errors: false
	})
})) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	create: async (ctx) => {
		const form = await readForm(ctx, tokenCreateSchema, 'token');
		if (!form.valid) return fail(400, { form });
		try {
			// A one-time value: idempotent by form key (a reload shows the same token, creates none).
			const { value: created, reused } = await onceByFormKey(
				ctx,
				'department-token',
				form.data.formKey,
				async () => ({
					token: (await createDepartmentToken(ctx.db, ctx.principal, form.data)).token
				})
			);
			form.data = { name: '', platformId: 0, purpose: 'usage', formKey: newFormKey() };
			return { form, created: { token: created.token, reused } };
		} catch (err) {
			return formFailure(form, err);
		}
	},
	revoke: async (ctx) => {
		const data = await readPlainForm(ctx, tokenRevokeSchema);
		if (!data) return plainInvalid();
		try {
			await revokeDepartmentToken(ctx.db, ctx.principal, data.tokenId);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'token_revoked');
	}
}) satisfies Actions;
