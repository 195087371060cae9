/** Vietnamese number formats ("1.234,5"); dates are in $lib/dates. */
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
