import { z } from 'zod';

/** The owner's answer to a link request: which request, and yes or no. */
export const linkAnswerSchema = z.object({
	request: z.coerce.number().int().min(1).max(2_147_483_647),
	answer: z.enum(['accept', 'refuse'])
});

/** `?done=` after an answer (a redirect, so a reload never answers twice); `staff`: accepted. */
export const linkDoneSchema = z.object({
	done: z.enum(['refused', 'stale', 'staff']).optional().catch(undefined)
});
