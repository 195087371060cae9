import { z } from 'zod';
import { id, isoDate, text } from './common';

/** A day or a run of days without school: a holiday (department) or a closure (school). */
export const dayOffSchema = z
	.object({
		startsOn: isoDate,
		endsOn: isoDate,
		name: text(120)
	})
	.refine((d) => d.endsOn >= d.startsOn, {
		message: 'calendar_v_end_before_start',
		path: ['endsOn']
	});
export type DayOffInput = z.infer<typeof dayOffSchema>;

export const removeDayOffSchema = z.object({ dayOffId: id });
