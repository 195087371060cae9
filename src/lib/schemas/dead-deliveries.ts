import { z } from 'zod';
import { id } from './common';

/** The retry button of a dead delivery: its channel and row id (hidden fields). */
export const retryDeliverySchema = z.object({
	channel: z.enum(['email', 'push']),
	delivery: id
});
