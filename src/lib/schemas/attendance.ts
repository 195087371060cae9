import { z } from 'zod';
import { MARKS, SESSIONS, type Absence } from '$lib/grades/attendance';
import { isoDate, MAX_ID, parseDate } from './common';

/** The roll form of a class: the day, the session, the version and one mark per pupil (`p_<id>`). */
const MARK_FIELD = /^p_([1-9]\d{0,9})$/;

const rollBase = z.object({
	day: isoDate,
	session: z.enum(SESSIONS),
	version: z.coerce.number().int().min(0).max(MAX_ID)
});

export interface RollForm extends z.infer<typeof rollBase> {
	absences: Map<number, Absence>;
}

/** The posted roll, or null when anything in it is not a day, a session, a version or a mark. */
export function parseRollForm(entries: Record<string, unknown>): RollForm | null {
	const { day, session, version, ...marks } = entries;
	const base = rollBase.safeParse({ day, session, version });
	if (!base.success || Object.keys(marks).length > 200) return null;
	const absences = new Map<number, Absence>();
	for (const [key, value] of Object.entries(marks)) {
		const match = MARK_FIELD.exec(key);
		const mark = z.enum(MARKS).safeParse(value);
		if (!match || !mark.success || Number(match[1]) > MAX_ID) return null;
		if (mark.data !== 'present') absences.set(Number(match[1]), mark.data);
	}
	return { ...base.data, absences };
}

/** `?day=&session=` of the roll page: a bad value falls back to today's morning. */
export function rollQuery(url: URL, today: string) {
	const day = parseDate(url.searchParams.get('day') ?? '') ?? today;
	const session = z.enum(SESSIONS).catch('morning').parse(url.searchParams.get('session'));
	return { day, session };
}
