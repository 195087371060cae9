import { z } from 'zod';
import { DEFAULT_TEACHING_WEEKS, MAX_TEACHING_WEEKS } from '$lib/year/school-year-rules';
import { id, isoDate, str, version } from './common';

/**
 * The department's school-year form (issue 11): a name "2027-2028", the year's first and last
 * day, both semesters' ranges and teaching weeks (default 18 and 17). The rules between the dates
 * are `$lib/year/school-year-rules.ts`, checked by the service beside each field, all at once.
 * Editing a year not yet current changes its dates and weeks only.
 */
const weeks = (fallback: number) =>
	z.coerce.number().int().min(1).max(MAX_TEACHING_WEEKS).default(fallback);
const dates = {
	startsOn: isoDate,
	endsOn: isoDate,
	s1Start: isoDate,
	s1End: isoDate,
	s2Start: isoDate,
	s2End: isoDate,
	s1Weeks: weeks(DEFAULT_TEACHING_WEEKS.s1Weeks),
	s2Weeks: weeks(DEFAULT_TEACHING_WEEKS.s2Weeks)
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

/** Deleting a later school year that nothing uses yet: the row's button (id and version). */
export const schoolYearDeleteSchema = z.object({ yearId: id, version });
