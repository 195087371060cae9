import { z } from 'zod';
import { id, text } from './common';

/** The homeroom teacher's nomination for "Học sinh Tiêu biểu": the pupil, the area, the reason. */
export const nominationSchema = z.object({
	studentId: id,
	area: text(60),
	reason: text(500)
});
export type NominationInput = z.infer<typeof nominationSchema>;

/** The principal's decision on one nomination (a plain button form with the version). */
export const decisionSchema = z.object({
	nominationId: id,
	version: z.coerce.number().int().min(0).max(1_000_000),
	decision: z.enum(['confirmed', 'refused'])
});
export type DecisionInput = z.infer<typeof decisionSchema>;
