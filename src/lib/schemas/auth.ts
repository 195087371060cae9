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

export const localeSchema = z.object({ locale: z.enum(['vi', 'en']) });
