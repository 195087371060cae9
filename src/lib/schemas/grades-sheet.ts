import { z } from 'zod';

/** The small forms of the gradebook import page (the hidden batch id) and its `?batch=`. */
export const gradeImportBatchSchema = z.object({ batch: z.uuid() });
export const gradeImportQuerySchema = z.object({
	batch: z.uuid().optional().catch(undefined)
});
