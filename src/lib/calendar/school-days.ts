/**
 * The school calendar with make-up days, pure. A make-up day declares a Saturday, a Sunday or a
 * day off a school day (a storm closure made up later). Precedence, from strongest:
 *   1. the school's own make-up day: a school day;
 *   2. the school's own day off (its closure): not a school day, even on the department's make-up day;
 *   3. the department's make-up day: a school day (over a weekend and over the department's holiday);
 *   4. a weekday outside the teaching week: not a school day;
 *   5. the department's day off: not a school day.
 * So a school's decision wins over the department's, and at the same level a make-up day (one
 * named day) wins over a run of days off. Relative imports only: the seed loads this file.
 */
import { isoWeekday, TEACHING_WEEKDAYS, type DayOff, type SchoolYearSpan } from './days-off';

export interface MakeUpDay {
	id: number;
	day: string;
	name: string;
	level: 'department' | 'school';
}

export interface SchoolCalendar {
	year: SchoolYearSpan;
	offs: readonly DayOff[];
	makeUps: readonly MakeUpDay[];
	weekdays?: readonly number[];
}

export type SchoolDayProblem = 'outside_year' | 'weekend' | 'day_off';

const covers = (o: DayOff, day: string) => o.startsOn <= day && day <= o.endsOn;

/** Why `day` is not a school day under the calendar, or null when it is one. */
export function schoolDayProblem(day: string, cal: SchoolCalendar): SchoolDayProblem | null {
	if (day < cal.year.startsOn || day > cal.year.endsOn) return 'outside_year';
	const makeUp = (level: MakeUpDay['level']) =>
		cal.makeUps.some((m) => m.level === level && m.day === day);
	const off = (level: DayOff['level']) => cal.offs.some((o) => o.level === level && covers(o, day));
	if (makeUp('school')) return null;
	if (off('school')) return 'day_off';
	if (makeUp('department')) return null;
	if (!(cal.weekdays ?? TEACHING_WEEKDAYS).includes(isoWeekday(day))) return 'weekend';
	return off('department') ? 'day_off' : null;
}

export const isSchoolDay = (day: string, cal: SchoolCalendar) => !schoolDayProblem(day, cal);

/** School days from `from` to `to` (both included), make-up days counted. */
export function countSchoolDaysWith(from: string, to: string, cal: SchoolCalendar): number {
	let n = 0;
	for (let d = new Date(`${from}T00:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
		const day = d.toISOString().slice(0, 10);
		if (day > to) break;
		if (isSchoolDay(day, cal)) n++;
	}
	return n;
}

/**
 * A new make-up day of `level` must lie in the school year and must not already be a school day
 * for its owner (the department's calendar for the department; the school's whole calendar for a
 * school). The error code, or null.
 */
export function makeUpDayProblem(
	day: string,
	level: MakeUpDay['level'],
	cal: SchoolCalendar
): 'calendar_outside_year' | 'calendar_make_up_already_school_day' | null {
	if (day < cal.year.startsOn || day > cal.year.endsOn) return 'calendar_outside_year';
	const own =
		level === 'department'
			? {
					...cal,
					offs: cal.offs.filter((o) => o.level === 'department'),
					makeUps: cal.makeUps.filter((m) => m.level === 'department')
				}
			: cal;
	return isSchoolDay(day, own) ? 'calendar_make_up_already_school_day' : null;
}

export interface AbsenceRow {
	day: string;
	status: 'excused' | 'unexcused';
}

export interface CountedAbsences {
	excused: number;
	unexcused: number;
	/** recorded on a day that is not a school day (now): kept and shown, not counted */
	notCounted: number;
}

/**
 * Circular 22, Art. 12(1)(c): absences are counted in sessions, on the school days of the year
 * (1 session per school day in the education plan). A session recorded on a day that is not a
 * school day under the calendar as it stands now, such as a day declared off after the roll was
 * taken, or a Sunday not (yet) declared a make-up day, stays recorded and visible but does not
 * count toward the 45. Declaring that Sunday a make-up day later makes it count.
 */
export function countAbsences(rows: readonly AbsenceRow[], cal: SchoolCalendar): CountedAbsences {
	const out: CountedAbsences = { excused: 0, unexcused: 0, notCounted: 0 };
	const memo = new Map<string, boolean>();
	for (const r of rows) {
		let school = memo.get(r.day);
		if (school === undefined) memo.set(r.day, (school = isSchoolDay(r.day, cal)));
		if (!school) out.notCounted++;
		else if (r.status === 'excused') out.excused++;
		else if (r.status === 'unexcused') out.unexcused++;
		else throw new RangeError(`absence.status must be excused or unexcused`);
	}
	return out;
}
