import { z } from 'zod';
import { WEEKDAYS, parseMinute, type OfficeRange } from '../messages/office-hours';
import { id, str } from './common';

/**
 * The weekly office-hours form of a teacher (`/teacher/office-hours`). Plain fields, so it works
 * without JavaScript: per weekday (1 = Monday .. 7 = Sunday) two ranges, `d<weekday>_<slot>_start`
 * and `_end` ('HH:MM' or empty), plus the hidden `staff` (the teacher's staff row of one school).
 * Rules (the error beside the field): a time is 00:00..24:00; start and end come together; the end
 * is after the start; the two ranges of a day do not overlap. All empty: no office hours (always).
 */
export const OFFICE_SLOTS = [1, 2] as const;
export type OfficeSlot = (typeof OFFICE_SLOTS)[number];
export type OfficeFieldKey = `d${(typeof WEEKDAYS)[number]}_${OfficeSlot}_${'start' | 'end'}`;

export const officeField = (weekday: number, slot: number, edge: 'start' | 'end') =>
	`d${weekday}_${slot}_${edge}` as OfficeFieldKey;

export const OFFICE_FIELDS: OfficeFieldKey[] = WEEKDAYS.flatMap((w) =>
	OFFICE_SLOTS.flatMap((s) => [officeField(w, s, 'start'), officeField(w, s, 'end')])
);

/**
 * A clock time field ('HH:MM', 00:00..24:00, or empty = null) as minutes after midnight, with the
 * given error code beside the field; shared with the quiet hours (schemas/quiet-hours.ts).
 */
export const clockTimeField = (errorCode: string) =>
	str()
		.trim()
		.max(5)
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			const minute = parseMinute(v);
			if (minute === null) {
				ctx.addIssue({ code: 'custom', message: errorCode });
				return z.NEVER;
			}
			return minute;
		});

const timeField = clockTimeField('officehours_v_time');

const fields = Object.fromEntries(OFFICE_FIELDS.map((k) => [k, timeField])) as Record<
	OfficeFieldKey,
	typeof timeField
>;

type Times = Record<OfficeFieldKey, number | null>;

/** The day's filled ranges, or the first broken rule with the field it belongs to. */
function dayRanges(t: Times, weekday: number, ctx: z.RefinementCtx): OfficeRange[] {
	const ranges: (OfficeRange & { slot: number })[] = [];
	for (const slot of OFFICE_SLOTS) {
		const [sk, ek] = [officeField(weekday, slot, 'start'), officeField(weekday, slot, 'end')];
		const [start, end] = [t[sk], t[ek]];
		if (start === null && end === null) continue;
		if (start === null || end === null) {
			const path = [start === null ? sk : ek];
			ctx.addIssue({ code: 'custom', message: 'officehours_v_pair', path });
		} else if (start >= 1440 || end <= start)
			ctx.addIssue({ code: 'custom', message: 'officehours_v_order', path: [ek] });
		else ranges.push({ weekday, start, end, slot });
	}
	const [a, b] = ranges;
	if (a && b && a.start < b.end && b.start < a.end) {
		const path = [officeField(weekday, b.slot, 'start')];
		ctx.addIssue({ code: 'custom', message: 'officehours_v_overlap', path });
	}
	return ranges.map(({ weekday, start, end }) => ({ weekday, start, end }));
}

export const officeHoursSchema = z.object({ staff: id, ...fields }).transform((v, ctx) => {
	const ranges = WEEKDAYS.flatMap((w) => dayRanges(v, w, ctx));
	return { staff: v.staff, ranges };
});

export type OfficeHoursInput = z.infer<typeof officeHoursSchema>;
