import { z } from 'zod';
import { id, optionalMultiline } from './common';

/**
 * The principal's decision for a primary pupil at Chưa hoàn thành (Circular 27, Art. 11): a plain
 * form per pupil with the pupil, the school year, the version loaded (0: no decision yet), "lên
 * lớp" or "ở lại lớp", and a note (required: what the summer support showed).
 */
export const promotionDecisionSchema = z.object({
	studentId: id,
	yearId: id,
	version: z.coerce.number().int().min(0).max(1_000_000),
	decision: z.enum(['promote', 'repeat']),
	note: optionalMultiline(500).pipe(z.string().min(1))
});
export type PromotionDecisionInput = z.infer<typeof promotionDecisionSchema>;
