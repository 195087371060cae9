import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import {
	accountAccessSchema,
	accountRemoveSchema,
	accountRolesSchema,
	guardianAccountSchema,
	resetPasswordSchema,
	staffAccountSchema
} from '$lib/schemas/roster';
import type { DB } from '../db';
import {
	formFailure,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	type RequestContext,
	newFormKey,
	onceByFormKey,
	routeId,
	savedRedirect
} from '../action';
import { accountInfo, createAccount, type AccountKind } from './accounts';
import { waitingInvitation } from './invite-account';
import {
	removeSchoolAccess,
	resetPassword,
	setAccountActive,
	setStaffRoles
} from './account-admin';

/**
 * The account forms of the staff and guardian pages (same actions on both): create or link the
 * account, reset its password, lock or unlock it, remove access at the school, set staff roles.
 */
type Ctx = RequestContext & { school: { id: number } };

function target(ctx: Ctx, kind: AccountKind) {
	const { params } = ctx.event;
	const id = routeId(kind === 'staff' ? params.staffId : params.guardianId);
	return { schoolId: ctx.school.id, target: { kind, id } };
}

/** The forms of the account panel, for the page load. */
export async function accountForms(
	db: DB,
	schoolId: number,
	kind: AccountKind,
	person: { id: number; user_id: number | null; email: string | null }
) {
	const account = await accountInfo(db, schoolId, person.user_id);
	const invitation = account ? null : await waitingInvitation(db, kind, person.id);
	const createSchema = kind === 'staff' ? staffAccountSchema : guardianAccountSchema;
	const initial = {
		email: person.email ?? '',
		roles: ['teacher' as const],
		formKey: newFormKey()
	};
	return {
		account,
		invitation,
		accountForm: await superValidate(initial, zod4(createSchema), { errors: false, id: 'account' }),
		resetForm: await superValidate({ formKey: newFormKey() }, zod4(resetPasswordSchema), {
			id: 'reset',
			errors: false
		}),
		rolesForm:
			kind === 'staff'
				? await superValidate(
						{
							roles: (account?.roles ?? []).filter(
								(r): r is 'teacher' | 'school_admin' => r === 'teacher' || r === 'school_admin'
							)
						},
						zod4(accountRolesSchema),
						{ errors: false, id: 'roles' }
					)
				: undefined
	};
}

/** The answer of a repeated one-time POST says that nothing new was done. */
const onceText = (text: string, reused: boolean) =>
	reused ? `${text} ${m.saved_form_key_reused()}` : text;

export function accountActions(kind: AccountKind) {
	return {
		createAccount: async (ctx: Ctx) => {
			const schema = kind === 'staff' ? staffAccountSchema : guardianAccountSchema;
			const form = await readForm(ctx, schema, 'account');
			if (!form.valid) return fail(400, { form });
			const { schoolId, target: t } = target(ctx, kind);
			try {
				// One answer whatever the address is (issue 8, item 10): the same words, a slip. The
				// slip's code is shown once: idempotent by form key (a reload shows the same slip).
				const {
					value: { slip },
					reused
				} = await onceByFormKey(
					ctx,
					`account-create:${kind}:${schoolId}:${t.id}`,
					form.data.formKey,
					() => createAccount(ctx.db, ctx.actor, schoolId, t, form.data)
				);
				form.data.formKey = newFormKey();
				const text = m.roster_invitation_sent({ email: slip.email });
				return {
					...message(form, { type: 'success', text: onceText(text, reused) }),
					// a repeated POST reads the slip back from JSON
					slip: { ...slip, expiresAt: new Date(slip.expiresAt) }
				};
			} catch (err) {
				return formFailure(form, err);
			}
		},
		resetPassword: async (ctx: Ctx) => {
			const form = await readForm(ctx, resetPasswordSchema, 'reset');
			const password = form.data.password;
			form.data.password = '';
			if (!form.valid) return fail(400, { form });
			const { schoolId, target: t } = target(ctx, kind);
			try {
				const { value: shown, reused } = await onceByFormKey(
					ctx,
					`account-reset:${kind}:${schoolId}:${t.id}`,
					form.data.formKey,
					() =>
						resetPassword(ctx.db, ctx.actor, schoolId, t, {
							passwordMode: form.data.passwordMode,
							password
						})
				);
				form.data.formKey = newFormKey();
				const text = shown
					? `${m.roster_password_reset_done()} ${m.roster_password_shown_once({ password: shown })}`
					: m.roster_password_reset_done();
				return message(form, { type: 'success', text: onceText(text, reused) });
			} catch (err) {
				return formFailure(form, err);
			}
		},
		accountStatus: async (ctx: Ctx) => {
			const parsed = accountAccessSchema.safeParse(
				Object.fromEntries(await ctx.event.request.formData())
			);
			if (!parsed.success) return plainInvalid();
			const active = parsed.data.active === 'true';
			const { schoolId, target: t } = target(ctx, kind);
			try {
				await setAccountActive(ctx.db, ctx.actor, schoolId, t, active);
			} catch (err) {
				return plainFailure(err);
			}
			savedRedirect(ctx.event.url, active ? 'account_reactivated' : 'account_deactivated');
		},
		removeAccess: async (ctx: Ctx) => {
			const data = await readPlainForm(ctx, accountRemoveSchema);
			if (!data) return plainInvalid();
			const { schoolId, target: t } = target(ctx, kind);
			try {
				await removeSchoolAccess(ctx.db, ctx.actor, schoolId, t, data.email);
			} catch (err) {
				return plainFailure(err);
			}
			savedRedirect(ctx.event.url, 'account_removed');
		},
		roles: async (ctx: Ctx) => {
			const form = await readForm(ctx, accountRolesSchema, 'roles');
			if (!form.valid) return fail(400, { form });
			const { schoolId, target: t } = target(ctx, 'staff');
			try {
				await setStaffRoles(ctx.db, ctx.actor, schoolId, t.id, form.data.roles);
			} catch (err) {
				return formFailure(form, err);
			}
			savedRedirect(ctx.event.url, 'roles_saved');
		}
	};
}
