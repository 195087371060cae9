import Bowser from 'bowser';

/**
 * A session's device in plain words ("Chrome 156 · Android 14") instead of the raw User-Agent
 * string; null when the browser sent none or one that names nothing known.
 */
export function deviceLabel(userAgent: string | null | undefined): string | null {
	if (!userAgent) return null;
	const parsed = Bowser.parse(userAgent);
	const major = parsed.browser.version?.split('.')[0];
	const browser = parsed.browser.name ? [parsed.browser.name, major].filter(Boolean).join(' ') : '';
	const os = parsed.os.name
		? [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ')
		: '';
	const label = [browser, os].filter(Boolean).join(' · ');
	return label || null;
}
