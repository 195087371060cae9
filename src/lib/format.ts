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

/** A file size a person reads: "303 B", "4,2 KB", "1,5 MB" (never "0 KB" for a small file). */
export function formatFileSize(bytes: number | null | undefined, locale: Locale = 'vi'): string {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '–';
	if (bytes < 1024) return `${formatNumber(bytes, locale, 0)} B`;
	if (bytes < 1024 * 1024)
		return `${formatNumber(bytes / 1024, locale, bytes < 10 * 1024 ? 1 : 0)} KB`;
	return `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;
}
