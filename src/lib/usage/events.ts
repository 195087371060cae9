import { addDays, isRealDay, todayIso, vietnamDay, vietnamTime } from '../dates';
import { foldText } from '../text';

/**
 * Rules of a usage event as platforms report it (API, imported files): when it happened and how an
 * error is named in answers. Pure functions; the database checks (platform, teacher, scope) are in
 * $lib/server/usage/ingest.ts.
 */
export const MAX_EVENTS_PER_REQUEST = 1000;
/** Clock skew tolerated for an event in the future. */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
/** Older events are refused: a platform's report covers at most about a school year. */
export const MAX_EVENT_AGE_DAYS = 400;

export interface OccurredAt {
	/** The exact time, when the source gave one. */
	at: Date | null;
	/** The day in Vietnam's time zone. */
	on: string;
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

const ISO_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The time of an event: ISO 8601 with an offset ('2026-11-27T08:15:00+07:00', '...Z'), without one
 * (read as Vietnam time), a date only ('2026-11-27'), or as Vietnamese exports write it
 * ('27/11/2026 08:15'). Null when it is none of these or not a real day.
 */
export function parseOccurredAt(value: string): OccurredAt | null {
	const v = value.trim();
	let m = ISO_DATE.exec(v);
	if (m) {
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		return isRealDay(y, mo, d) ? { at: null, on: `${m[1]}-${m[2]}-${m[3]}` } : null;
	}
	m = ISO_OFFSET.exec(v);
	if (m) {
		const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m![i] ?? 0));
		if (!isRealDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
		let at: Date;
		if (!m[7]) at = vietnamTime(y, mo, d, h, mi, s);
		else {
			const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}${m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7]}`;
			at = new Date(iso);
			if (Number.isNaN(at.getTime())) return null;
		}
		return { at, on: vietnamDay(at) };
	}
	m = VN_DATE.exec(v);
	if (m) {
		const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
		if (!isRealDay(y, mo, d)) return null;
		if (m[4] === undefined) return { at: null, on: `${y}-${pad(mo)}-${pad(d)}` };
		const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
		if (h > 23 || mi > 59 || s > 59) return null;
		const at = vietnamTime(y, mo, d, h, mi, s);
		return { at, on: vietnamDay(at) };
	}
	return null;
}

/** 'in_future' or 'too_old' when the event is outside what we accept, else null. */
export function checkOccurredAt(when: OccurredAt, now: Date): 'in_future' | 'too_old' | null {
	const today = todayIso(now);
	if (when.at ? when.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS : when.on > today)
		return 'in_future';
	const oldest = addDays(today, -MAX_EVENT_AGE_DAYS);
	return when.on < oldest ? 'too_old' : null;
}

/** How a class name is compared: 'Lớp 8A' and '8a' name the same class. */
export function classKeyName(name: string): string {
	return foldText(name)
		.replace(/^lop\s+/, '')
		.replace(/\s+/g, '');
}

/** Error codes of an event, as `field: code` strings in API answers and import previews. */
export type EventErrorCode =
	| 'required'
	| 'invalid'
	| 'too_long'
	| 'too_small'
	| 'too_big'
	| 'invalid_email'
	| 'not_a_number'
	| 'not_an_integer'
	| 'invalid_date'
	| 'in_future'
	| 'too_old'
	| 'unknown_platform'
	| 'platform_out_of_scope'
	| 'unknown_teacher'
	| 'ambiguous_teacher';

/** A zod message key of $lib/schemas/common.ts ('v_too_long|{"max":60}') as an API error code. */
export function errorCodeOf(message: string): EventErrorCode {
	const key = message.split('|')[0];
	const map: Record<string, EventErrorCode> = {
		v_required: 'required',
		v_too_short: 'required',
		v_too_long: 'too_long',
		v_too_small: 'too_small',
		v_too_big: 'too_big',
		v_email: 'invalid_email',
		v_number: 'not_a_number',
		v_integer: 'not_an_integer',
		v_date: 'invalid_date'
	};
	return map[key] ?? 'invalid';
}

export function eventError(field: string, code: EventErrorCode): string {
	return `${field}: ${code}`;
}
