import { z } from 'zod';
import { todayIso } from '../dates';
import { absenceDateProblem } from '../timetable/cover';
import { bellIssues, MAX_BELLS, parseClock, PERIOD_MINUTES_RANGE } from '../timetable/bells';
import { FORM_KEY, id, isoDate, MAX_ID, optionalText, str, version } from './common';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The school's week. `version` 0: never saved. */
export const weekSettingsSchema = z.object({
	days: int(5, 6),
	sessions: z.enum(['morning', 'both']),
	periodsPerSession: int(3, 6),
	version: int(0, MAX_ID)
});

/** the field of the start of the 0-based period of the day on the bell form */
export const bellField = (index: number) => `bell_${index}` as const;

const clockField = str()
	.trim()
	.max(5)
	.transform((v, ctx) => {
		const minute = parseClock(v);
		if (minute === null) {
			ctx.addIssue({ code: 'custom', message: v ? 'timetable_v_bell_time' : 'v_required' });
			return z.NEVER;
		}
		return minute;
	});

/**
 * The bell form for a day of `count` periods (`bell_0` .. 'HH:MM', the period length, the
 * settings' version): each rule broken beside its field, in the reader's language
 * (`bellIssues`, $lib/timetable/bells.ts).
 */
export function bellsSchema(count: number) {
	const n = Math.min(Math.max(count, 0), MAX_BELLS);
	const fields = Object.fromEntries(
		Array.from({ length: n }, (_, i) => [bellField(i), clockField])
	);
	return z
		.object({
			...fields,
			periodMinutes: int(PERIOD_MINUTES_RANGE.min, PERIOD_MINUTES_RANGE.max),
			version: int(0, MAX_ID)
		})
		.transform((v, ctx) => {
			const record = v as unknown as Record<string, number>;
			const starts = Array.from({ length: n }, (_, i) => record[bellField(i)]);
			for (const issue of bellIssues(starts, v.periodMinutes, count)) {
				const message = issue.params ? `${issue.code}|${JSON.stringify(issue.params)}` : issue.code;
				const path = issue.index === null ? [] : [bellField(issue.index)];
				ctx.addIssue({ code: 'custom', message, path });
			}
			return { starts, periodMinutes: v.periodMinutes, version: v.version };
		});
}

/** an id, or nothing when the field is empty */
const optionalId = z
	.union([z.literal(''), id])
	.optional()
	.transform((v) => (v === '' || v === undefined ? undefined : v));

export const generateSchema = z.object({
	seed: int(0, MAX_ID),
	timeLimitSeconds: int(5, 120),
	/** a draft whose locked cells the new timetable keeps */
	basedOn: optionalId
});

/** a slot as `day-period`, both 0-based (day 0 = Monday) */
export const slotField = z
	.string()
	.regex(/^[0-6]-(?:1[0-5]|[0-9])$/)
	.transform((v) => v.split('-').map(Number) as [number, number]);

/** move (or swap) the period of a class at `from` to `to`; `version` of the draft loaded */
export const moveSchema = z.object({
	classId: id,
	from: slotField,
	to: slotField,
	version
});

export const lockSchema = z.object({
	classId: id,
	slot: slotField,
	locked: z.enum(['0', '1']).transform((v) => v === '1'),
	version
});

export const copySchema = z.object({ versionId: id });

export const cancelSchema = z.object({ versionId: id });

export const publishSchema = z.object({ versionId: id, version, effectiveFrom: isoDate });

/** ?class= / ?teacher= of a version's page */
export const gridFilterSchema = z.object({
	class: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
	teacher: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
	/** the whole school on one grid */
	view: z.enum(['school']).optional().catch(undefined)
});

/** whole periods 0..20, typed (an empty field is not 0) */
const periodsField = z
	.string()
	.trim()
	.regex(/^\d{1,2}$/)
	.transform(Number)
	.pipe(z.number().int().min(0).max(20));
const versionField = int(0, MAX_ID);

/**
 * The weekly periods form of one class: `p_<subject id>` (periods) and `v_<subject id>` (the
 * version loaded). Null when any field does not validate or names no subject.
 */
export function parseRequirementsForm(fields: Record<string, unknown>): {
	classId: number;
	changes: { subjectId: number; periodsPerWeek: number; version: number }[];
} | null {
	const classId = id.safeParse(fields.classId);
	if (!classId.success) return null;
	const changes = [];
	for (const [key, value] of Object.entries(fields)) {
		const match = /^p_(\d{1,10})$/.exec(key);
		if (!match) continue;
		const subjectId = id.safeParse(match[1]);
		const periods = periodsField.safeParse(value);
		const version = versionField.safeParse(fields[`v_${match[1]}`]);
		if (!subjectId.success || !periods.success || !version.success) return null;
		changes.push({
			subjectId: subjectId.data,
			periodsPerWeek: periods.data,
			version: version.data
		});
	}
	if (!changes.length || changes.length > 100) return null;
	return { classId: classId.data, changes };
}

/** a teacher's absence: whole days, or the ticked periods (0-based) of each day of the range */
export const absenceSchema = z.object({
	staffId: id,
	startsOn: isoDate,
	endsOn: isoDate,
	periods: z
		.array(
			z
				.string()
				.regex(/^(?:1[0-5]|[0-9])$/)
				.transform(Number)
		)
		.max(16)
		.default([])
		.transform((v) => (v.length ? [...new Set(v)].sort((a, b) => a - b) : null)),
	reason: optionalText(200)
});

/** The absence form of the cover page: also within a year of today (either side). */
export const absenceFormSchema = absenceSchema.superRefine((v, ctx) => {
	const problem = absenceDateProblem(v.startsOn, v.endsOn, todayIso());
	if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.code });
});

export const assignCoverSchema = z.object({
	day: isoDate,
	period: int(0, 15),
	classId: id,
	staffId: id
});

export const coverIdSchema = z.object({ coverId: id });

/** a lesson with no substitute: self-study, or merged with `mergedClassId` (the button's `kind`) */
export const coverWithoutSubstituteSchema = z.object({
	day: isoDate,
	period: int(0, 15),
	classId: id,
	kind: z.enum(['self_study', 'merged']),
	mergedClassId: optionalId
});

/** "another teacher" form: the lesson as `yyyy-mm-dd|period|classId` and any staff member */
export const otherCoverSchema = z.object({
	lesson: str()
		.regex(/^\d{4}-\d{2}-\d{2}\|(?:1[0-5]|[0-9])\|\d{1,10}$/)
		.transform((v) => v.split('|'))
		.pipe(
			z.tuple([
				isoDate,
				z.string().transform(Number).pipe(z.number().int().min(0).max(15)),
				z.string().transform(Number).pipe(z.number().int().positive().max(MAX_ID))
			])
		),
	staffId: id
});
export const absenceIdSchema = z.object({ absenceId: id });

/** ?month=yyyy-mm of the cover report (anything else: the current month) */
export const monthSchema = z
	.string()
	.regex(/^20\d{2}-(?:0[1-9]|1[0-2])$/)
	.optional();

/**
 * A teacher's unavailable slots: every ticked `slot` checkbox (`day-period`) of the grid, the
 * teacher and the version loaded (0: never saved). None ticked: available at every slot.
 */
export const unavailabilitySchema = z.object({
	staffId: id,
	version: versionField,
	slots: z.array(slotField).max(112)
});

/** The fields of an unavailability form (checkboxes repeat `slot`). */
export const unavailabilityFields = (data: FormData) => ({
	staffId: data.get('staffId'),
	version: data.get('version'),
	slots: data.getAll('slot')
});

/** make (or remake) the caller's calendar link: a one-time value behind a form key */
export const feedCreateSchema = z.object({ formKey: z.string().regex(FORM_KEY) });

/** revoke the caller's calendar link (the hidden field keeps an empty POST from changing anything) */
export const feedRevokeSchema = z.object({ revoke: z.literal('1') });
