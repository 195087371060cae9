import { z } from 'zod';
import { id, isoDate, text } from './common';

/** A make-up school day: a weekend or a day off declared a school day, with its reason. */
export const makeUpDaySchema = z.object({
	day: isoDate,
	name: text(120)
});
export type MakeUpDayInput = z.infer<typeof makeUpDaySchema>;

export const removeMakeUpDaySchema = z.object({ makeUpId: id });
