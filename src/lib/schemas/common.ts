import { z } from 'zod';

/**
 * Validation messages are catalogue keys, not text: "v_too_short|{"min":3}". The Field component
 * translates them in the reader's language, on the server and in the browser alike
 * (see $lib/i18n/errors.ts). A schema may still give its own key or an already translated text.
 */
const key = (k: string, params?: Record<string, unknown>) =>
	params ? `${k}|${JSON.stringify(params)}` : k;

z.config({
	customError: (iss) => {
		switch (iss.code) {
			case 'invalid_type':
				if (iss.input === undefined || iss.input === null || iss.input === '')
					return key('v_required');
				return iss.expected === 'number' || iss.expected === 'int'
					? key('v_number')
					: key('v_invalid');
			case 'too_small':
				if (iss.origin === 'string')
					return Number(iss.minimum) <= 1
						? key('v_required')
						: key('v_too_short', { min: Number(iss.minimum) });
				if (iss.origin === 'number' || iss.origin === 'int')
					return key('v_too_small', { min: Number(iss.minimum) });
				return key('v_required');
			case 'too_big':
				if (iss.origin === 'string') return key('v_too_long', { max: Number(iss.maximum) });
				return key('v_too_big', { max: Number(iss.maximum) });
			case 'invalid_format':
				return iss.format === 'email' ? key('v_email') : key('v_invalid');
			case 'invalid_value':
				return key('v_choice');
			default:
				return undefined;
		}
	}
});

/**
 * Control characters other than tab and line breaks (U+0000 NUL above all: PostgreSQL cannot store
 * it) are refused in every text a form, a file or a query gives: each string schema starts from
 * `str()`, never from a bare `z.string()`.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const hasControlChars = (v: string) => CONTROL.test(v);

/** A string without control characters (tabs and line breaks allowed). */
export const str = () => z.string().refine((v) => !CONTROL.test(v), 'v_invalid');

/** Text input: NFC-normalised, trimmed, one line; empty means missing. */
export const text = (max = 200) =>
	str()
		.transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
		.pipe(z.string().min(1).max(max));

/** Optional text: empty input becomes null. */
export const optionalText = (max = 200) =>
	str()
		.optional()
		.nullable()
		.transform((v) => {
			const t = (v ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
			return t === '' ? null : t;
		})
		.pipe(z.string().max(max).nullable());

/** Optional multi-line text (notes, comments): line breaks kept, other runs of spaces kept. */
export const optionalMultiline = (max = 2000) =>
	str()
		.optional()
		.nullable()
		.transform((v) => {
			const t = (v ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
			return t === '' ? null : t;
		})
		.pipe(z.string().max(max).nullable());

export const email = str().trim().toLowerCase().pipe(z.email());

export const optionalEmail = str()
	.optional()
	.nullable()
	.transform((v) => (v ?? '').trim().toLowerCase() || null)
	.pipe(z.email().nullable());

/** The search box of a list (`?q=`): a bad value is ignored. */
export const searchQuery = str().trim().max(100).optional().catch(undefined);

/** The largest id of a PostgreSQL `integer` column: a larger number is no row, never an error. */
export const MAX_ID = 2_147_483_647;

/** An id in a query parameter (`?area=3`): anything else is ignored. */
export const queryId = z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined);

/** Vietnamese phone numbers: 10 digits starting with 0 (spaces, dots and +84 accepted). */
export const phone = str()
	.optional()
	.nullable()
	.transform((v) => {
		const raw = (v ?? '').replace(/[\s.-]/g, '');
		if (!raw) return null;
		return raw.startsWith('+84') ? `0${raw.slice(3)}` : raw;
	})
	.pipe(
		z
			.string()
			.regex(/^0\d{9}$/, 'v_phone')
			.nullable()
	);

/** A calendar date, accepted as yyyy-mm-dd (date inputs) or dd/mm/yyyy (typed, imports). */
export const isoDate = str()
	.trim()
	.transform((v, ctx) => {
		const parsed = parseDate(v);
		if (!parsed) {
			ctx.addIssue({ code: 'custom', message: 'v_date' });
			return z.NEVER;
		}
		return parsed;
	});

export const optionalDate = str()
	.optional()
	.nullable()
	.transform((v, ctx) => {
		if (!v || !v.trim()) return null;
		const parsed = parseDate(v.trim());
		if (!parsed) {
			ctx.addIssue({ code: 'custom', message: 'v_date' });
			return z.NEVER;
		}
		return parsed;
	});

/** 'dd/mm/yyyy' or 'yyyy-mm-dd' -> 'yyyy-mm-dd', or null when it is not a real calendar day. */
export function parseDate(value: string): string | null {
	let y: number, m: number, d: number;
	let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
	if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)))
		[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
		return null;
	if (y < 1900 || y > 2100) return null;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The optimistic-concurrency version of the row being edited. */
export const version = z.coerce.number().int().min(1).max(MAX_ID);

export const id = z.coerce.number().int().positive().max(MAX_ID);

/** A one-time form key (`newFormKey()`): idempotent POSTs of one-time values (issue 9, item 10). */
export const FORM_KEY = /^[A-Za-z0-9_-]{22,64}$/;
