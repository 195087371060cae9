import { z } from 'zod';
import { FORM_KEY, id, str } from './common';

/** Whose guardians to invite: the whole school, or one class (its id). Empty is refused. */
export const inviteSchema = z.object({
	target: z.union([z.literal('school'), id]),
	formKey: z.string().regex(FORM_KEY)
});

/** A new activation code for one guardian. */
export const reissueSchema = z.object({ guardianId: id, formKey: z.string().regex(FORM_KEY) });

/** The public activation form: the name on the slip, its code, a password, the privacy notice. */
export const activateSchema = z
	.object({
		login: str().trim().min(1).max(254),
		code: str().trim().min(1).max(40),
		password: str().min(8).max(200),
		confirmPassword: str().min(1).max(200),
		acceptPrivacy: z.boolean().refine((v) => v, 'accounts_accept_required')
	})
	.refine((v) => v.password === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'account_password_mismatch'
	});

/** The link of the e-mail step of an activation: its token and the password chosen before. */
export const confirmActivationSchema = z.object({
	token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
	password: str().min(1).max(200)
});
