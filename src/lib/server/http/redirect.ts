/**
 * The one check of every redirect target that comes from a request (`?next=`, `redirectTo`): a path
 * of the portal itself, never another site. The value is resolved the way a browser would
 * (`new URL(value, origin)`, which also reads `/\host`, tabs and line breaks as a browser does), and
 * accepted only when it stays on `origin`. The answer is the normalised, percent-encoded path, so it
 * is always a valid Location header.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

export function safeRedirectTarget(value: unknown, origin: string): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
	if (!value.startsWith('/') || value.startsWith('//') || UNSAFE.test(value)) return null;
	let url: URL;
	try {
		url = new URL(value, origin);
	} catch {
		return null;
	}
	if (url.origin !== new URL(origin).origin) return null;
	const target = url.pathname + url.search + url.hash;
	return target.startsWith('/') && !target.startsWith('//') ? target : null;
}
