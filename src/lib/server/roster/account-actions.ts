import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import * as m from '$lib/paraglide/messages';
import {
	accountRolesSchema,
	guardianAccountSchema,
	resetPasswordSchema,
	staffAccountSchema
} from '$lib/schemas/roster';
import { getDb } from '../db';
import type { DB } from '../db';
import { accountInfo, createAccount, type AccountKind } from './accounts';
import {
	removeSchoolAccess,
	resetPassword,
	setAccountActive,
	setStaffRoles
} from './account-admin';
import { actorOf, pathId, plainFailure, serviceFailure } from './form-result';

/**
 * The account forms of the staff and guardian pages (same actions on both): create or link the
 * account, reset its password, lock or unlock it, remove access at the school, set staff roles.
 */
type Event = RequestEvent<{ schoolId: string } & Record<string, string>>;

function target(event: Event, kind: AccountKind) {
	const id = pathId(kind === 'staff' ? event.params.staffId : event.params.guardianId);
	return { schoolId: Number(event.params.schoolId), target: { kind, id } };
}

/** The forms of the account panel, for the page load. */
export async function accountForms(
	db: DB,
	schoolId: number,
	kind: AccountKind,
	person: { user_id: number | null; email: string | null }
) {
	const account = await accountInfo(db, schoolId, person.user_id);
	const createSchema = kind === 'staff' ? staffAccountSchema : guardianAccountSchema;
	const initial = {
		email: person.email ?? '',
		roles: ['teacher' as const],
		passwordMode: 'generate' as const
	};
	return {
		account,
		accountForm: await superValidate(initial, zod4(createSchema), { errors: false, id: 'account' }),
		resetForm: await superValidate(zod4(resetPasswordSchema), { id: 'reset' }),
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

export function accountActions(kind: AccountKind) {
	return {
		createAccount: async (event: Event) => {
			const schema = kind === 'staff' ? staffAccountSchema : guardianAccountSchema;
			const form = await superValidate(event.request, zod4(schema), { id: 'account' });
			const password = form.data.password;
			// The password never travels back to the browser.
			form.data.password = '';
			if (!form.valid) return fail(400, { form });
			const { schoolId, target: t } = target(event, kind);
			try {
				const result = await createAccount(getDb(), actorOf(event.locals), schoolId, t, {
					...form.data,
					password
				});
				const text = result.linkedExisting
					? m.roster_account_linked_existing()
					: result.password
						? `${m.roster_account_created()} ${m.roster_password_shown_once({ password: result.password })}`
						: m.roster_account_created();
				return message(form, { type: 'success', text });
			} catch (err) {
				return serviceFailure(form, err);
			}
		},
		resetPassword: async (event: Event) => {
			const form = await superValidate(event.request, zod4(resetPasswordSchema), { id: 'reset' });
			const password = form.data.password;
			form.data.password = '';
			if (!form.valid) return fail(400, { form });
			const { schoolId, target: t } = target(event, kind);
			try {
				const shown = await resetPassword(getDb(), actorOf(event.locals), schoolId, t, {
					passwordMode: form.data.passwordMode,
					password
				});
				const text = shown
					? `${m.roster_password_reset_done()} ${m.roster_password_shown_once({ password: shown })}`
					: m.roster_password_reset_done();
				return message(form, { type: 'success', text });
			} catch (err) {
				return serviceFailure(form, err);
			}
		},
		accountStatus: async (event: Event) => {
			const active = (await event.request.formData()).get('active') === 'true';
			const { schoolId, target: t } = target(event, kind);
			try {
				await setAccountActive(getDb(), actorOf(event.locals), schoolId, t, active);
			} catch (err) {
				return plainFailure(err);
			}
			return { done: active ? m.roster_account_reactivated() : m.roster_account_deactivated() };
		},
		removeAccess: async (event: Event) => {
			const { schoolId, target: t } = target(event, kind);
			try {
				await removeSchoolAccess(getDb(), actorOf(event.locals), schoolId, t);
			} catch (err) {
				return plainFailure(err);
			}
			return { done: m.roster_account_removed() };
		},
		roles: async (event: Event) => {
			const form = await superValidate(event.request, zod4(accountRolesSchema), { id: 'roles' });
			if (!form.valid) return fail(400, { form });
			const { schoolId, target: t } = target(event, 'staff');
			try {
				await setStaffRoles(getDb(), actorOf(event.locals), schoolId, t.id, form.data.roles);
			} catch (err) {
				return serviceFailure(form, err);
			}
			return message(form, { type: 'success', text: m.roster_roles_saved() });
		}
	};
}
