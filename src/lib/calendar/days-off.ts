/**
 * The school calendar's rules, pure: a day is a school day when it lies in the school year, is a
 * teaching weekday (Monday to Saturday unless the school says otherwise) and no day off covers
 * it, whether the department's (a holiday of the province) or the school's own (a closure).
 */
export interface DayOff {
	id: number;
	startsOn: string;
	endsOn: string;
	name: string;
	/** who set it: the department (the whole province) or the school */
	level: 'department' | 'school';
}

export interface SchoolYearSpan {
	startsOn: string;
	endsOn: string;
}

/** ISO weekday of a yyyy-mm-dd day: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: string): number {
	const d = new Date(`${day}T00:00:00Z`).getUTCDay();
	return d === 0 ? 7 : d;
}

/** Monday to Saturday: Vietnamese schools teach six days a week. */
export const TEACHING_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5, 6];

/** The day off that covers `day` (the department's first when both do), or null. */
export function dayOffOn(day: string, offs: readonly DayOff[]): DayOff | null {
	const covering = offs.filter((o) => o.startsOn <= day && day <= o.endsOn);
	return covering.find((o) => o.level === 'department') ?? covering[0] ?? null;
}

export type NotSchoolDay = 'outside_year' | 'weekend' | 'day_off';

/** Why `day` is not a school day, or null when it is one. */
export function notSchoolDay(
	day: string,
	year: SchoolYearSpan,
	offs: readonly DayOff[],
	weekdays: readonly number[] = TEACHING_WEEKDAYS
): NotSchoolDay | null {
	if (day < year.startsOn || day > year.endsOn) return 'outside_year';
	if (!weekdays.includes(isoWeekday(day))) return 'weekend';
	return dayOffOn(day, offs) ? 'day_off' : null;
}

/** School days from `from` to `to` (both included). */
export function countSchoolDays(
	from: string,
	to: string,
	year: SchoolYearSpan,
	offs: readonly DayOff[],
	weekdays: readonly number[] = TEACHING_WEEKDAYS
): number {
	let n = 0;
	for (let d = new Date(`${from}T00:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
		const day = d.toISOString().slice(0, 10);
		if (day > to) break;
		if (!notSchoolDay(day, year, offs, weekdays)) n++;
	}
	return n;
}

/** A new day off must lie inside the school year: the field that is out, or null. */
export function dayOffRangeProblem(
	range: { startsOn: string; endsOn: string },
	year: SchoolYearSpan
): 'startsOn' | 'endsOn' | null {
	if (range.startsOn < year.startsOn || range.startsOn > year.endsOn) return 'startsOn';
	if (range.endsOn > year.endsOn) return 'endsOn';
	return null;
}
