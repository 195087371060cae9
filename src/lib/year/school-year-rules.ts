/**
 * The rules of a school year's dates (issue 11): the department creates a year such as
 * "2027-2028" with its two semesters. MOET's framework decisions (school-year.md): a year runs from
 * early September to the end of May of the next calendar year, semester I then semester II. The
 * portal does not fix the days (the province sets them within the framework); it checks only what
 * must hold for every page that reads them: the name names two consecutive years, the year starts
 * in the first and ends in the second, the semesters lie inside the year in order without
 * overlapping, and no two school years overlap. Each semester has its number of teaching weeks
 * (MOET's framework: 18 in semester I, 17 in II, the defaults; a province may differ, and GDTX
 * has 16 + 16 for grades 9 and 12), at most the calendar weeks the semester spans. Pure: relative
 * imports only, dates as yyyy-mm-dd.
 */

export interface SchoolYearDates {
	name: string;
	startsOn: string;
	endsOn: string;
	s1Start: string;
	s1End: string;
	s2Start: string;
	s2End: string;
}

export interface SemesterWeeks {
	s1Weeks: number;
	s2Weeks: number;
}

/** MOET framework (school-year.md): 35 teaching weeks, 18 in semester I and 17 in semester II. */
export const DEFAULT_TEACHING_WEEKS: SemesterWeeks = { s1Weeks: 18, s2Weeks: 17 };
/** The bound of `semesters.teaching_weeks` (0001). */
export const MAX_TEACHING_WEEKS = 30;

export type SchoolYearPlan = SchoolYearDates & SemesterWeeks;

export interface OtherYear {
	id: number;
	name: string;
	startsOn: string;
	endsOn: string;
}

export interface YearProblem {
	field: keyof SchoolYearPlan;
	code: string;
	params?: Record<string, string | number>;
}

/** The two calendar years of a name "yyyy-yyyy", or a problem code. */
export function yearsOfName(
	name: string
): [number, number] | 'year_admin_name_format' | 'year_admin_name_consecutive' {
	const match = /^(\d{4})-(\d{4})$/.exec(name);
	if (!match) return 'year_admin_name_format';
	const first = Number(match[1]);
	const second = Number(match[2]);
	if (first < 1900 || second !== first + 1) return 'year_admin_name_consecutive';
	return [first, second];
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const DAY_MS = 86_400_000;

/** The calendar weeks a range of days spans (its days divided by 7, rounded up; 0 when reversed). */
export function calendarWeeks(start: string, end: string): number {
	const days = (Date.parse(end) - Date.parse(start)) / DAY_MS + 1;
	return Number.isFinite(days) && days > 0 ? Math.ceil(days / 7) : 0;
}

/**
 * The problems of the teaching weeks: whole numbers from 1 to 30, no more than the calendar weeks
 * of their semester (checked only when the semester's days are in order).
 */
export function teachingWeeksProblems(y: SchoolYearPlan): YearProblem[] {
	const problems: YearProblem[] = [];
	for (const [field, start, end] of [
		['s1Weeks', y.s1Start, y.s1End],
		['s2Weeks', y.s2Start, y.s2End]
	] as const) {
		const weeks = y[field];
		if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_TEACHING_WEEKS)
			problems.push({ field, code: 'year_admin_weeks_range', params: { max: MAX_TEACHING_WEEKS } });
		else if (end >= start && weeks > calendarWeeks(start, end))
			problems.push({
				field,
				code: 'year_admin_weeks_too_many',
				params: { weeks: calendarWeeks(start, end) }
			});
	}
	return problems;
}

/**
 * Every problem of the dates, field by field (the first per field), given the other school years
 * (the one being edited left out). Empty when the year can be stored.
 */
export function schoolYearProblems(y: SchoolYearPlan, others: OtherYear[]): YearProblem[] {
	const problems: YearProblem[] = [];
	const add = (p: YearProblem) => {
		if (!problems.some((q) => q.field === p.field)) problems.push(p);
	};
	const years = yearsOfName(y.name);
	if (typeof years === 'string') add({ field: 'name', code: years });
	else {
		if (yearOf(y.startsOn) !== years[0])
			add({ field: 'startsOn', code: 'year_admin_start_year', params: { year: years[0] } });
		if (yearOf(y.endsOn) !== years[1])
			add({ field: 'endsOn', code: 'year_admin_end_year', params: { year: years[1] } });
	}
	if (y.endsOn <= y.startsOn) add({ field: 'endsOn', code: 'year_admin_end_before_start' });
	if (y.s1Start < y.startsOn || y.s1Start > y.endsOn)
		add({ field: 's1Start', code: 'year_admin_semester_outside' });
	if (y.s1End < y.s1Start) add({ field: 's1End', code: 'year_admin_semester_order' });
	if (y.s2Start <= y.s1End) add({ field: 's2Start', code: 'year_admin_semesters_overlap' });
	if (y.s2End < y.s2Start) add({ field: 's2End', code: 'year_admin_semester_order' });
	if (y.s2End > y.endsOn || y.s2End < y.startsOn)
		add({ field: 's2End', code: 'year_admin_semester_outside' });
	if (y.s1End > y.endsOn) add({ field: 's1End', code: 'year_admin_semester_outside' });
	const clash = others.find((o) => y.startsOn <= o.endsOn && o.startsOn <= y.endsOn);
	if (clash) add({ field: 'startsOn', code: 'year_admin_overlaps', params: { year: clash.name } });
	teachingWeeksProblems(y).forEach(add);
	return problems;
}
