/**
 * When a period is, for the calendar feeds: the portal keeps no bell times yet, so a usual
 * Vietnamese school day is assumed: the morning from 07:00, the afternoon from 13:30, periods of
 * 45 minutes with 5 minutes between them and a 20-minute break after the second period of a
 * session. Times are Vietnam time (UTC+7, no daylight saving). Pure.
 */
const PERIOD_MINUTES = 45;
const GAP_MINUTES = 5;
const LONG_BREAK_MINUTES = 20;
const SESSION_START = [7 * 60, 13 * 60 + 30];

/** Minutes after midnight when the period starts and ends; `perSession` null: mornings only. */
export function periodMinutes(
	period: number,
	perSession: number | null
): { start: number; end: number } {
	const session = perSession ? Math.min(1, Math.floor(period / perSession)) : 0;
	const index = perSession ? period - session * perSession : period;
	let start = SESSION_START[session] + index * (PERIOD_MINUTES + GAP_MINUTES);
	if (index >= 2) start += LONG_BREAK_MINUTES - GAP_MINUTES;
	return { start, end: start + PERIOD_MINUTES };
}

/** The instant a Vietnam date and minute-of-day stand for. */
export function vietnamInstant(date: string, minutes: number): Date {
	return new Date(Date.parse(`${date}T00:00:00+07:00`) + minutes * 60_000);
}

export const clockText = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
