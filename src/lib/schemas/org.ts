import { z } from 'zod';
import { SCHOOL_LEVEL_VALUES } from '$lib/types';
import './common';

export const schoolFiltersSchema = z.object({
	q: z.string().trim().max(100).optional().catch(undefined),
	area: z.coerce.number().int().positive().optional().catch(undefined),
	level: z.enum(SCHOOL_LEVEL_VALUES).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined)
});
