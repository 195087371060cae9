import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { tokenCreateSchema, tokenRevokeSchema } from '$lib/schemas/usage';
import {
	formFailure,
	guardedActions,
	guardedLoad,
	newFormKey,
	onceByFormKey,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { activePlatforms } from '$lib/server/usage/figures-common';
import { createSchoolToken, listSchoolTokens, revokeSchoolToken } from '$lib/server/usage/tokens';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('usage.tokens');

export const load = guardedLoad(scope, async ({ db, principal, school }) => ({
	tokens: await listSchoolTokens(db, principal, school.id),
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
				`school-token:${ctx.school.id}`,
				form.data.formKey,
				async () => ({
					token: (await createSchoolToken(ctx.db, ctx.principal, ctx.school.id, form.data)).token
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
			await revokeSchoolToken(ctx.db, ctx.principal, ctx.school.id, data.tokenId);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'token_revoked');
	}
}) satisfies Actions;
