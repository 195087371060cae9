import { z } from 'zod';
import { id, isoDate, str, version } from './common';

/**
 * The department's school-year form (issue 11): a name "2027-2028", the year's first and last
 * day and both semesters' ranges. The rules between the dates are `$lib/year/school-year-rules.ts`,
 * checked by the service beside each field. Editing a year not yet current changes its dates only.
 */
const dates = {
	startsOn: isoDate,
	endsOn: isoDate,
	s1Start: isoDate,
	s1End: isoDate,
	s2Start: isoDate,
	s2End: isoDate
};

export const schoolYearSchema = z.object({
	name: str().trim().min(1).max(9),
	...dates
});
export type SchoolYearInput = z.infer<typeof schoolYearSchema>;

export const schoolYearEditSchema = z.object({
	yearId: id,
	version,
	...dates
});
export type SchoolYearEdit = z.infer<typeof schoolYearEditSchema>;
