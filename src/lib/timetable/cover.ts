/**
 * Pure rules of the cover pages (dạy thay): how far from today an absence may be recorded, which
 * date a weekday of the "from today" week list stands for, and how covers mark a week's periods.
 * Relative imports: the server's seed may use this module.
 */
import { addDays, daysBetween } from '../dates';

/** an absence starts and ends within this many days of today (either side) */
export const ABSENCE_WINDOW_DAYS = 366;

/** The field and code of a date outside the window, or null. */
export function absenceDateProblem(
	startsOn: string,
	endsOn: string,
	today: string
): { field: 'startsOn' | 'endsOn'; code: 'timetable_absence_far' } | null {
	const far = (day: string) => Math.abs(daysBetween(today, day)) > ABSENCE_WINDOW_DAYS;
	if (far(startsOn)) return { field: 'startsOn', code: 'timetable_absence_far' };
	if (far(endsOn)) return { field: 'endsOn', code: 'timetable_absence_far' };
	return null;
}

/** 0 = Monday ... 6 = Sunday */
export const weekdayOfDay = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The date of `weekday` in the week list that starts today: its next occurrence from today on. */
export function dateOfWeekday(today: string, weekday: number): string {
	return addDays(today, (weekday - weekdayOfDay(today) + 7) % 7);
}

/** The dates a week list from today shows: today and the six days after. */
export const listedWeek = (today: string) => ({ from: today, to: addDays(today, 6) });

export type CoverKind = 'substitute' | 'self_study' | 'merged';

export interface CoverMark {
	day: string;
	period: number;
	/** a substitute teaches; or the class studies on its own, or joins another class */
	kind: CoverKind;
	subjectName: string;
	className: string;
	/** the substitute (null unless kind is 'substitute') */
	staffName: string | null;
	absentName: string;
	/** the class joined (kind 'merged') */
	mergedClassName: string | null;
}

export interface WeekCell {
	day: number;
	period: number;
	kind: 'lesson' | 'flag' | 'meeting';
	subjectName: string;
	detail: string;
	note?: string;
}

/**
 * A substitute's week: the covers of the listed week added as periods of their own, each with a
 * note (`note(cover)`: "dd/mm: covering for X"). Covers outside the listed week are left out.
 */
export function withCoversGiven(
	cells: WeekCell[],
	covers: CoverMark[],
	today: string,
	note: (c: CoverMark) => string
): WeekCell[] {
	const { from, to } = listedWeek(today);
	const added = covers
		.filter((c) => c.day >= from && c.day <= to)
		.map((c): WeekCell => ({
			day: weekdayOfDay(c.day),
			period: c.period,
			kind: 'lesson',
			subjectName: c.subjectName,
			detail: c.className,
			note: note(c)
		}));
	return [...cells, ...added];
}

/**
 * A class's week: the period a cover replaces gets the cover's note ("dd/mm: X covers"), for the
 * covers of the listed week; a cover without its period in the grid is added.
 */
export function withCoversHeld(
	cells: WeekCell[],
	covers: CoverMark[],
	today: string,
	note: (c: CoverMark) => string
): WeekCell[] {
	const { from, to } = listedWeek(today);
	const byslot = new Map<string, CoverMark>();
	for (const c of covers)
		if (c.day >= from && c.day <= to) byslot.set(`${weekdayOfDay(c.day)}:${c.period}`, c);
	const out = cells.map((cell) => {
		const c = byslot.get(`${cell.day}:${cell.period}`);
		if (!c) return cell;
		byslot.delete(`${cell.day}:${cell.period}`);
		return { ...cell, note: note(c) };
	});
	for (const c of byslot.values())
		out.push({
			day: weekdayOfDay(c.day),
			period: c.period,
			kind: 'lesson',
			subjectName: c.subjectName,
			detail: c.staffName ?? '',
			note: note(c)
		});
	return out;
}

/**
 * The absent teacher's week: each of their periods covered in the listed week gets the cover's
 * note ("dd/mm: X covers", "dd/mm: self-study", "dd/mm: merged with 6B").
 */
export function withCoversTaken(
	cells: WeekCell[],
	covers: CoverMark[],
	today: string,
	note: (c: CoverMark) => string
): WeekCell[] {
	const { from, to } = listedWeek(today);
	const byslot = new Map<string, CoverMark>();
	for (const c of covers)
		if (c.day >= from && c.day <= to) byslot.set(`${weekdayOfDay(c.day)}:${c.period}`, c);
	return cells.map((cell) => {
		const c = byslot.get(`${cell.day}:${cell.period}`);
		return c ? { ...cell, note: note(c) } : cell;
	});
}

/** `yyyy-mm` of a day, and the first and last day of a month `yyyy-mm`. */
export const monthOf = (day: string) => day.slice(0, 7);
export function monthRange(month: string): { from: string; to: string } {
	const from = `${month}-01`;
	return { from, to: addDays(`${monthOf(addDays(from, 32))}-01`, -1) };
}
