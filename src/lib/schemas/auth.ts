import { z } from 'zod';
import { str } from './common';

/** `login`: an e-mail address or a phone number (+84 / 84 / 0 forms, spaces and dots allowed). */
export const loginSchema = z.object({
	login: str().trim().min(1).max(254),
	password: str().min(1).max(200)
});

export const changePasswordSchema = z
	.object({
		currentPassword: str().min(1).max(200),
		newPassword: str().min(8).max(200),
		confirmPassword: str().min(1).max(200)
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'account_password_mismatch'
	});

/** The language switch: an unknown language is ignored (only the way back is followed). */
export const localeFormSchema = z.object({
	locale: z.enum(['vi', 'en']).optional().catch(undefined),
	redirectTo: str().max(2000).optional().catch(undefined)
});
