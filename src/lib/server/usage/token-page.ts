import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { tokenCreateSchema, tokenRevokeSchema } from '$lib/schemas/usage';
import {
	formFailure,
	newFormKey,
	onceByFormKey,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	savedRedirect,
	type RequestContext
} from '../action';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { activePlatforms } from './figures-common';
import type { NewToken, listSchoolTokens } from './tokens';

type TokenRow = Awaited<ReturnType<typeof listSchoolTokens>>[number];

/** Whose tokens a page manages: the department's or one school's, from what its scope proved. */
export interface TokenOwner {
	/** names the one-time form keys of this owner's page */
	key: string;
	list(db: DB, principal: Principal): Promise<TokenRow[]>;
	create(db: DB, principal: Principal, input: NewToken): Promise<{ token: string }>;
	revoke(db: DB, principal: Principal, tokenId: number): Promise<void>;
}

/** The load of an API-token page: the owner's tokens, the platforms, an empty form. */
export async function tokenPageData<C extends RequestContext>(ctx: C, owner: TokenOwner) {
	return {
		tokens: await owner.list(ctx.db, ctx.principal),
		platforms: await activePlatforms(ctx.db),
		form: await superValidate({ formKey: newFormKey() }, zod4(tokenCreateSchema), {
			id: 'token',
			errors: false
		})
	};
}

/** The two actions of an API-token page, the department's and a school's alike. */
export function tokenActions<C extends RequestContext>(ownerOf: (ctx: C) => TokenOwner) {
	return {
		create: async (ctx: C) => {
			const form = await readForm(ctx, tokenCreateSchema, 'token');
			if (!form.valid) return fail(400, { form });
			const owner = ownerOf(ctx);
			try {
				// A one-time value: idempotent by form key (a reload shows the same token, creates none).
				const { value: created, reused } = await onceByFormKey(
					ctx,
					owner.key,
					form.data.formKey,
					async () => ({ token: (await owner.create(ctx.db, ctx.principal, form.data)).token })
				);
				form.data = { name: '', platformId: 0, purpose: 'usage', formKey: newFormKey() };
				return { form, created: { token: created.token, reused } };
			} catch (err) {
				return formFailure(form, err);
			}
		},
		revoke: async (ctx: C) => {
			const data = await readPlainForm(ctx, tokenRevokeSchema);
			if (!data) return plainInvalid();
			try {
				await ownerOf(ctx).revoke(ctx.db, ctx.principal, data.tokenId);
			} catch (err) {
				return plainFailure(err);
			}
			savedRedirect(ctx.event.url, 'token_revoked');
		}
	};
}
