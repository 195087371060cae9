import { z } from 'zod';
import { id, str, version } from './common';

/**
 * Making a later school year current (issue 11): the preview is a GET with `year`; the commit posts
 * the year, its version and the signature of the previewed list of moves.
 */
export const yearSwitchSchema = z.object({
	yearId: id,
	version,
	signature: str().max(64)
});
export type YearSwitchCommit = z.infer<typeof yearSwitchSchema>;
