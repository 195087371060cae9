/**
 * Dates in Vietnam time. Vietnam is UTC+7 all year (no daylight saving since 1975), so a calendar
 * day there is a fixed 24-hour span of instants: plain arithmetic on the offset is exact. Days are
 * passed around as 'yyyy-mm-dd' strings ("ISO days"); instants as Date. Shown as dd/mm/yyyy in
 * both languages (the portal's convention). Pure: no SvelteKit, no database.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 'yyyy-mm-dd' as the UTC midnight of that day (for day arithmetic only). */
function dayAsUtc(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	return Date.UTC(y, m - 1, d);
}

function utcDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** True when y-m-d is a real calendar day (no 31/02). */
export function isRealDay(y: number, m: number, d: number): boolean {
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day in Vietnam of an instant, as 'yyyy-mm-dd'. */
export function vietnamDay(at: Date): string {
	return utcDay(at.getTime() + VIETNAM_OFFSET_MS);
}

/** Today's date in Vietnam as 'yyyy-mm-dd'. */
export function todayIso(now = new Date()): string {
	return vietnamDay(now);
}

/** 'yyyy-mm-dd' plus n days (n may be negative). */
export function addDays(iso: string, n: number): string {
	return utcDay(dayAsUtc(iso) + Math.round(n) * DAY_MS);
}

/** Whole days from `from` to `to` (both 'yyyy-mm-dd'). */
export function daysBetween(from: string, to: string): number {
	return Math.round((dayAsUtc(to) - dayAsUtc(from)) / DAY_MS);
}

/** The Monday of the week of `iso` (weeks start on Monday, as PostgreSQL's date_trunc('week')). */
export function weekStart(iso: string): string {
	const weekday = (new Date(dayAsUtc(iso)).getUTCDay() + 6) % 7;
	return addDays(iso, -weekday);
}

/** The instant a Vietnam day begins (00:00 UTC+7, i.e. 17:00 UTC the day before). */
export function vietnamDayStart(iso: string): Date {
	return new Date(dayAsUtc(iso) - VIETNAM_OFFSET_MS);
}

/** The instant the next Vietnam day begins: the exclusive end of `iso`. */
export function vietnamDayEnd(iso: string): Date {
	return vietnamDayStart(addDays(iso, 1));
}

/** A wall-clock time in Vietnam to an instant. */
export function vietnamTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
	return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - VIETNAM_OFFSET_MS);
}

/** The next instant after `now` at hour:minute Vietnam time (a daily job: nextVietnamTime(now, 0, 5)). */
export function nextVietnamTime(now: Date, hour: number, minute = 0): Date {
	const offset = (hour * 60 + minute) * 60 * 1000;
	const today = vietnamDayStart(vietnamDay(now)).getTime() + offset;
	return new Date(today > now.getTime() ? today : today + DAY_MS);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Vietnam's calendar fields of an instant, by the fixed offset (as vietnamDay): Intl's
 * formatToParts gave the same fields at several microseconds a call, on every date a page shows.
 * Null for an invalid date (Intl threw on it).
 */
function parts(d: Date) {
	const t = new Date(d.getTime() + VIETNAM_OFFSET_MS);
	if (Number.isNaN(t.getTime())) return null;
	return {
		year: String(t.getUTCFullYear()),
		month: pad2(t.getUTCMonth() + 1),
		day: pad2(t.getUTCDate()),
		hour: pad2(t.getUTCHours()),
		minute: pad2(t.getUTCMinutes())
	};
}

/** 'yyyy-mm-dd' (or an instant) -> 'dd/mm/yyyy' in Vietnam time. */
export function formatDate(value: string | Date | null | undefined): string {
	if (!value) return '–';
	if (typeof value === 'string') {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
		if (m) return `${m[3]}/${m[2]}/${m[1]}`;
		value = new Date(value);
	}
	const p = parts(value);
	return p ? `${p.day}/${p.month}/${p.year}` : '–';
}

/** An instant -> 'dd/mm/yyyy HH:MM' in Vietnam time. */
export function formatDateTime(value: string | Date | null | undefined): string {
	if (!value) return '–';
	const p = parts(typeof value === 'string' ? new Date(value) : value);
	return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : '–';
}
