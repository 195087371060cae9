import { z } from 'zod';
import { CHECKPOINTS } from '$lib/grades/checkpoints';
import { COLUMN_PATTERN } from './grades';
import { id, MAX_ID, optionalDate, optionalMultiline, str, text, version } from './common';

/** The checkpoint forms of the school admin, the teacher's correction request and its decision. */

export const checkpointKey = z.enum(CHECKPOINTS);

/** Entry window and lock date of one checkpoint; version 0 for a checkpoint never set. */
export const checkpointSchema = z.object({
	checkpoint: checkpointKey,
	opensOn: optionalDate,
	closesOn: optionalDate,
	locksOn: optionalDate,
	version: z.coerce.number().int().min(0).max(MAX_ID)
});
export type CheckpointInput = z.infer<typeof checkpointSchema>;

/** Publish a checkpoint to the parents of the ticked classes (`classId` repeated). */
export const publishSchema = z.object({
	checkpoint: checkpointKey,
	classIds: z.array(id).min(1).max(500)
});

/** A correction of a locked cell: the pupil, the column, the new text and why. */
export const correctionRequestSchema = z.object({
	studentId: id,
	column: str().regex(COLUMN_PATTERN),
	value: str().max(40),
	reason: text(1000)
});

export const correctionDecisionSchema = z.object({
	correctionId: id,
	version,
	note: optionalMultiline(1000)
});

/** The checkpoint of the admin's page (`?checkpoint=`); anything else shows the first one. */
export const checkpointQuery = checkpointKey.optional().catch(undefined);
