/**
 * Adoption rules of the usage module: pure functions, no database, no SvelteKit.
 *
 * A platform counts as `in_use` at a school when at least `threshold` percent of the school's
 * teachers used it in the last 30 days (the threshold is a department setting, 50% by default).
 * Usage only moves a platform between `deployed` and `in_use`: going live (deployed) is a rollout
 * milestone that the school declares, and a platform not yet deployed is not promoted by data.
 */
import { addDays, daysBetween } from '../dates';
import type { PlatformStatus } from '../rollout/statuses';

export const DEFAULT_THRESHOLD = 50;
/** The two windows of the dashboards: last 7 and last 30 days, today included. */
export const RECENT_DAYS = 7;
export const ADOPTION_DAYS = 30;
/** A teacher may change or delete an entry for 7 days after recording it. */
export const EDIT_WINDOW_DAYS = 7;
/** A teacher may log a day within the last 7 days (today included), not in the future. */
export const LOGGABLE_DAYS = 7;

/** The first day of a window of `days` days ending today (today included). */
export function windowStart(today: string, days: number): string {
	return addDays(today, -(days - 1));
}

/** Share of teachers in percent, or null when the school has no teachers. */
export function adoptionShare(active: number, teachers: number): number | null {
	if (teachers <= 0) return null;
	return (Math.min(active, teachers) * 100) / teachers;
}

/** Integer comparison, so that 5 of 10 teachers at 50% is exactly on the threshold. */
export function meetsThreshold(active: number, teachers: number, thresholdPct: number): boolean {
	return teachers > 0 && active * 100 >= thresholdPct * teachers;
}

/**
 * The status usage data asks for, or null when the current one stays: `deployed` becomes `in_use`
 * at or above the threshold, `in_use` falls back to `deployed` below it. Other statuses stay.
 */
export function nextStatus(
	current: PlatformStatus,
	active: number,
	teachers: number,
	thresholdPct: number
): PlatformStatus | null {
	const meets = meetsThreshold(active, teachers, thresholdPct);
	if (meets && current === 'deployed') return 'in_use';
	if (!meets && current === 'in_use') return 'deployed';
	return null;
}

/**
 * Days of the week starting on `week` (a Monday) that have passed by `today`, today included, when
 * the week is not over yet; null for a whole week. The trend's last week is usually partial and
 * would read like a drop (issue 9, point 7): it is marked with these days.
 */
export function partialWeekDays(week: string, today: string): number | null {
	const days = daysBetween(week, today) + 1;
	return days >= 7 ? null : Math.max(0, days);
}

/** Whether an entry recorded at `createdAt` may still be changed by its teacher. */
export function isEditable(createdAt: Date, now: Date): boolean {
	return now.getTime() - createdAt.getTime() < EDIT_WINDOW_DAYS * 24 * 60 * 60 * 1000;
}

/** Whether a teacher may log usage on `day` (the last LOGGABLE_DAYS days, no future). */
export function isLoggableDay(day: string, today: string): boolean {
	const age = daysBetween(day, today);
	return age >= 0 && age < LOGGABLE_DAYS;
}

/** Why a day cannot be logged (issue 9, item 13): it has not come yet, or it is past the window. */
export function notLoggableReason(day: string, today: string): 'future' | 'too_old' | null {
	const age = daysBetween(day, today);
	return age < 0 ? 'future' : age >= LOGGABLE_DAYS ? 'too_old' : null;
}

/**
 * Minutes of one period: 35 in primary school (and pre-school), 45 in lower and upper secondary
 * (MOET teaching-plan rules for primary and secondary schools).
 */
export function periodMinutes(level: string): number {
	return level === 'MN' || level === 'TH' || level === 'PTDTBT_TH' ? 35 : 45;
}

/** Minutes of an entry: as given, or the periods times the length of a period. */
export function entryMinutes(
	periods: number | null | undefined,
	minutes: number | null | undefined,
	level: string
): number | null {
	if (minutes !== null && minutes !== undefined) return minutes;
	if (periods !== null && periods !== undefined) return periods * periodMinutes(level);
	return null;
}
