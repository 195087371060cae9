/** Vietnamese formats: dd/mm/yyyy dates, "1.234,5" numbers. */
export type Locale = 'vi' | 'en';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number) {
	const k = `${locale}:${digits}`;
	let f = numberFormats.get(k);
	if (!f) {
		f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
			maximumFractionDigits: digits,
			minimumFractionDigits: 0
		});
		numberFormats.set(k, f);
	}
	return f;
}

export function formatNumber(
	value: number | null | undefined,
	locale: Locale = 'vi',
	digits = 1
): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '–';
	return numberFormat(locale, digits).format(value);
}

export function formatPercent(value: number | null | undefined, locale: Locale = 'vi'): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '–';
	return `${formatNumber(value, locale, 1)}%`;
}

/** All times are shown in Vietnam's time zone, whatever the server's or browser's zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const dateParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

function parts(d: Date) {
	const p = Object.fromEntries(dateParts.formatToParts(d).map((x) => [x.type, x.value]));
	return p as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

/** 'yyyy-mm-dd' (or a Date) -> 'dd/mm/yyyy' in both languages (the portal's convention). */
export function formatDate(value: string | Date | null | undefined): string {
	if (!value) return '–';
	if (typeof value === 'string') {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
		if (m) return `${m[3]}/${m[2]}/${m[1]}`;
		value = new Date(value);
	}
	const p = parts(value);
	return `${p.day}/${p.month}/${p.year}`;
}

export function formatDateTime(value: string | Date | null | undefined): string {
	if (!value) return '–';
	const p = parts(typeof value === 'string' ? new Date(value) : value);
	return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today's date in Vietnam as 'yyyy-mm-dd'. */
export function todayIso(now = new Date()): string {
	const p = parts(now);
	return `${p.year}-${p.month}-${p.day}`;
}
