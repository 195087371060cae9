import { VIETNAM_OFFSET_MS } from '../dates';

/**
 * A user's quiet hours (issue 13, migration 0240): one daily range in Vietnam time (UTC+7, no
 * daylight saving) in which nothing is sent to them by e-mail (or a later channel); what falls due
 * inside goes out at its end. Minutes since midnight 0..1439; the range may wrap midnight
 * (21:00–06:30); start = end is no range. Pure, and the same arithmetic as the SQL function
 * `quiet_hours_end` that the outbox uses (a test compares them).
 */
export interface QuietHours {
	start: number;
	end: number;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** The minute of the day in Vietnam of an instant. */
const vietnamMinute = (at: Date) =>
	Math.floor((at.getTime() + VIETNAM_OFFSET_MS) / MINUTE_MS) % DAY_MINUTES;

export function isWithinQuietHours(quiet: QuietHours | null, at: Date): boolean {
	if (!quiet || quiet.start === quiet.end) return false;
	const m = vietnamMinute(at);
	return quiet.start < quiet.end
		? m >= quiet.start && m < quiet.end
		: m >= quiet.start || m < quiet.end;
}

/** When something due at `at` may go out: `at` outside quiet hours, else the instant they end. */
export function quietHoursEnd(quiet: QuietHours | null, at: Date): Date {
	if (!quiet || !isWithinQuietHours(quiet, at)) return at;
	const m = vietnamMinute(at);
	const minuteStart = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
	return new Date(minuteStart + ((quiet.end - m + DAY_MINUTES) % DAY_MINUTES) * MINUTE_MS);
}
