import { z } from 'zod';
import './common';

export const loginSchema = z.object({
	email: z.string().trim().min(1).max(254),
	password: z.string().min(1).max(200)
});

export const changePasswordSchema = z
	.object({
		currentPassword: z.string().min(1).max(200),
		newPassword: z.string().min(8).max(200),
		confirmPassword: z.string().min(1).max(200)
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'account_password_mismatch'
	});

/** The language switch: an unknown language is ignored (only the way back is followed). */
export const localeFormSchema = z.object({
	locale: z.enum(['vi', 'en']).optional().catch(undefined),
	redirectTo: z.string().max(2000).optional().catch(undefined)
});
