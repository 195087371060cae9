import { z } from 'zod';
import { id, MAX_ID, optionalText, str } from './common';

/**
 * The year rollover form (issue 11): for one class of the finishing year, the next year's class of
 * the next grade for the promoted pupils and the class of the same grade for the repeaters, each
 * either chosen (`…To`) or created with a new name (`…New`). The preview reads the same fields from
 * the query; the commit posts them with the signature of the previewed plan.
 */
const targetId = z
	.union([z.literal(''), z.null(), z.coerce.number().int().positive().max(MAX_ID)])
	.optional()
	.transform((v) => (typeof v === 'number' ? v : null));

export const rolloverTargetFields = {
	promoteTo: targetId,
	promoteNew: optionalText(30),
	repeatTo: targetId,
	repeatNew: optionalText(30)
};

export const rolloverTargetsSchema = z.object(rolloverTargetFields);
export type RolloverTargets = z.infer<typeof rolloverTargetsSchema>;

export const rolloverCommitSchema = z.object({
	...rolloverTargetFields,
	classId: id,
	signature: str().max(64)
});
export type RolloverCommit = z.infer<typeof rolloverCommitSchema>;
