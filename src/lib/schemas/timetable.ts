import { z } from 'zod';
import { id, isoDate, MAX_ID, version } from './common';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The school's week. `version` 0: never saved. */
export const weekSettingsSchema = z.object({
	days: int(5, 6),
	sessions: z.enum(['morning', 'both']),
	periodsPerSession: int(3, 6),
	version: int(0, MAX_ID)
});

export const generateSchema = z.object({
	seed: int(0, MAX_ID),
	timeLimitSeconds: int(5, 120)
});

export const cancelSchema = z.object({ versionId: id });

export const publishSchema = z.object({ versionId: id, version, effectiveFrom: isoDate });

/** ?class= / ?teacher= of a version's page */
export const gridFilterSchema = z.object({
	class: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
	teacher: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined)
});
