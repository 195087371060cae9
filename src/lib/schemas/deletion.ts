import { z } from 'zod';
import { id, optionalMultiline, version } from './common';

/** Asking for the deletion of one's data: the box ticked, an optional reason (≤ 2000). */
export const askDeletionSchema = z.object({
	confirm: z.literal('on', { error: 'deletion_v_confirm' }),
	reason: optionalMultiline(2000)
});
export type AskDeletionInput = z.infer<typeof askDeletionSchema>;

/** The school admin's outcome of one request: done or refused, and a note saying what was done. */
export const handleDeletionSchema = z.object({
	request: id,
	version,
	status: z.enum(['done', 'refused'], { error: 'v_choice' }),
	outcome: optionalMultiline(2000).refine((v) => v !== null, 'v_required')
});
export type HandleDeletionInput = z.infer<typeof handleDeletionSchema>;
