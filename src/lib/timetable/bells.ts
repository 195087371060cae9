/**
 * When a period is: the school's bell times (`timetable_settings.bell_starts`, minutes after
 * midnight of each period's start, the morning's then the afternoon's, and `period_minutes`).
 * A school that never set them gets the usual Vietnamese school day: the morning from 07:00, the
 * afternoon from 13:30, periods of 45 minutes with 5 minutes between them and a 20-minute break
 * after the second period of a session. Times are Vietnam time (UTC+7, no daylight saving). Pure;
 * relative imports only (the server's feeds and PDFs use it).
 */
export const DEFAULT_PERIOD_MINUTES = 45;
const GAP_MINUTES = 5;
const LONG_BREAK_MINUTES = 20;
const SESSION_START = [7 * 60, 13 * 60 + 30];

/** Bells may ring from 05:00; the last period must end by 22:00. */
export const EARLIEST_BELL = 5 * 60;
export const LATEST_END = 22 * 60;
export const PERIOD_MINUTES_RANGE = { min: 30, max: 60 } as const;
/** at most 6 periods per session, two sessions */
export const MAX_BELLS = 12;

export interface Bells {
	/** the start of each period of the day, ascending */
	starts: number[];
	periodMinutes: number;
}

export interface BellSettings {
	sessions: 'morning' | 'both';
	periodsPerSession: number;
	/** null: never set (the default day) */
	bellStarts: number[] | null;
	periodMinutes: number;
}

/** How many periods a day has: one session, or morning and afternoon. */
export const bellCount = (s: Pick<BellSettings, 'sessions' | 'periodsPerSession'>) =>
	s.periodsPerSession * (s.sessions === 'both' ? 2 : 1);

function defaultStart(session: number, index: number): number {
	const start = SESSION_START[session] + index * (DEFAULT_PERIOD_MINUTES + GAP_MINUTES);
	return index >= 2 ? start + LONG_BREAK_MINUTES - GAP_MINUTES : start;
}

/** The default day's starts for these settings (what the portal assumed before bells existed). */
export function defaultBellStarts(s: Pick<BellSettings, 'sessions' | 'periodsPerSession'>) {
	const sessions = s.sessions === 'both' ? 2 : 1;
	return Array.from({ length: sessions * s.periodsPerSession }, (_, i) =>
		defaultStart(Math.floor(i / s.periodsPerSession), i % s.periodsPerSession)
	);
}

/**
 * The school's bells: the saved starts when they fit the week (one per period of the day), else
 * the default day (never set, or the week changed since).
 */
export function resolveBells(s: BellSettings): Bells {
	const fits = s.bellStarts && s.bellStarts.length === bellCount(s);
	return {
		starts: fits ? [...s.bellStarts!] : defaultBellStarts(s),
		periodMinutes: s.periodMinutes
	};
}

/**
 * Start and end (minutes after midnight) of the 0-based period of the day. A period past the last
 * bell (a version made for a longer day) follows the last one, 5 minutes apart.
 */
export function periodTimes(bells: Bells, period: number): { start: number; end: number } {
	const last = bells.starts.length - 1;
	const start =
		period <= last
			? bells.starts[period]
			: bells.starts[last] + (period - last) * (bells.periodMinutes + GAP_MINUTES);
	return { start, end: start + bells.periodMinutes };
}

/** The default day's times (feeds of a school without settings); `perSession` null: mornings only. */
export function periodMinutes(
	period: number,
	perSession: number | null
): { start: number; end: number } {
	const session = perSession ? Math.min(1, Math.floor(period / perSession)) : 0;
	const index = perSession ? period - session * perSession : period;
	const start = defaultStart(session, index);
	return { start, end: start + DEFAULT_PERIOD_MINUTES };
}

/** "07:00–07:45" for each period of the day (rows of the grids and PDFs). */
export function periodLabels(bells: Bells, periodsPerDay: number): string[] {
	return Array.from({ length: periodsPerDay }, (_, p) => {
		const { start, end } = periodTimes(bells, p);
		return `${clockText(start)}–${clockText(end)}`;
	});
}

/** A broken bell rule, for the field of `index` (null: the whole form). */
export interface BellIssue {
	index: number | null;
	code: 'timetable_v_bell_count' | 'timetable_v_bell_range' | 'timetable_v_bell_order';
	params?: Record<string, string>;
}

/**
 * The bell rules: one start per period of the day, each from 05:00 and ending by 22:00, each
 * after the previous period has ended (ascending, no overlap with the period length).
 */
export function bellIssues(starts: readonly number[], minutes: number, count: number): BellIssue[] {
	if (starts.length !== count)
		return [{ index: null, code: 'timetable_v_bell_count', params: { count: String(count) } }];
	const issues: BellIssue[] = [];
	starts.forEach((start, i) => {
		if (!Number.isInteger(start) || start < EARLIEST_BELL || start + minutes > LATEST_END)
			issues.push({ index: i, code: 'timetable_v_bell_range' });
		else if (i > 0 && start < starts[i - 1] + minutes)
			issues.push({
				index: i,
				code: 'timetable_v_bell_order',
				params: { after: clockText(starts[i - 1] + minutes) }
			});
	});
	return issues;
}

/** 'HH:MM' (00:00–23:59) as minutes after midnight, or null. */
export function parseClock(text: string): number | null {
	const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
	return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The instant a Vietnam date and minute-of-day stand for. */
export function vietnamInstant(date: string, minutes: number): Date {
	return new Date(Date.parse(`${date}T00:00:00+07:00`) + minutes * 60_000);
}

export const clockText = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
