import { addDays, daysBetween, vietnamDay, vietnamDayStart, weekStart } from '../dates';

/**
 * A teacher's office hours (issue 13): weekly ranges in Vietnam time (UTC+7 all year, no daylight
 * saving, so a wall-clock time is a fixed instant: `$lib/dates`). Weekday 1 = Monday .. 7 = Sunday;
 * minutes since midnight, the end exclusive (1440 = midnight). No ranges at all: always available.
 * Pure: used by the parent's conversation page and by the e-mail scheduling of a message.
 */
export interface OfficeRange {
	weekday: number;
	start: number;
	end: number;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const MINUTE_MS = 60_000;

/** The weekday (1 = Monday .. 7 = Sunday) and the minute of the day of an instant in Vietnam. */
export function vietnamClock(at: Date): { day: string; weekday: number; minute: number } {
	const day = vietnamDay(at);
	const weekday = daysBetween(weekStart(day), day) + 1;
	const minute = Math.floor((at.getTime() - vietnamDayStart(day).getTime()) / MINUTE_MS);
	return { day, weekday, minute };
}

/** True when `at` falls in one of the ranges; no ranges: always true. */
export function isWithinOfficeHours(ranges: readonly OfficeRange[], at: Date): boolean {
	if (!ranges.length) return true;
	const { weekday, minute } = vietnamClock(at);
	return ranges.some((r) => r.weekday === weekday && r.start <= minute && minute < r.end);
}

/**
 * The next instant after `at` (or at it) when a range starts; null without ranges. Looks at most a
 * week ahead (the same weekday next week is the furthest a weekly range can be).
 */
export function nextOfficeStart(ranges: readonly OfficeRange[], at: Date): Date | null {
	if (!ranges.length) return null;
	const { day } = vietnamClock(at);
	for (let ahead = 0; ahead <= 7; ahead++) {
		const date = addDays(day, ahead);
		const { weekday } = vietnamClock(vietnamDayStart(date));
		const starts = ranges
			.filter((r) => r.weekday === weekday)
			.map((r) => vietnamDayStart(date).getTime() + r.start * MINUTE_MS)
			.filter((t) => t >= at.getTime())
			.sort((a, b) => a - b);
		if (starts.length) return new Date(starts[0]);
	}
	return null;
}

/**
 * When a teacher should hear of a message sent at `at`: at once inside office hours (or without
 * any), otherwise at the next start.
 */
export function notifyAt(ranges: readonly OfficeRange[], at: Date): Date {
	if (isWithinOfficeHours(ranges, at)) return at;
	return nextOfficeStart(ranges, at) ?? at;
}

/** 'HH:MM' of a minute of the day (1440 is '24:00'). */
export function minuteText(minute: number): string {
	const h = Math.floor(minute / 60);
	const m = minute % 60;
	return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A minute of the day from 'HH:MM' (00:00..24:00); null for anything else. */
export function parseMinute(text: string): number | null {
	const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
	if (!match) return null;
	const minute = Number(match[1]) * 60 + Number(match[2]);
	return minute <= 1440 ? minute : null;
}

/** The ranges sorted by weekday and start (for display and comparisons). */
export function sortRanges<R extends OfficeRange>(ranges: readonly R[]): R[] {
	return [...ranges].sort((a, b) => a.weekday - b.weekday || a.start - b.start);
}
