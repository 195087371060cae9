import { describe, expect, it } from 'vitest';
import { vietnamTime } from '../../src/lib/dates';
import {
	isWithinOfficeHours,
	minuteText,
	nextOfficeStart,
	notifyAt,
	parseMinute,
	vietnamClock,
	type OfficeRange
} from '../../src/lib/messages/office-hours';
import { officeHoursSchema } from '../../src/lib/schemas/office-hours';

// 2026-12-07 is a Monday; 2026-12-13 a Sunday.
const WEEK: OfficeRange[] = [
	{ weekday: 1, start: 7 * 60, end: 11 * 60 },
	{ weekday: 1, start: 13 * 60 + 30, end: 17 * 60 },
	{ weekday: 6, start: 7 * 60, end: 11 * 60 }
];
const vn = (d: number, h: number, mi = 0, mo = 12) => vietnamTime(2026, mo, d, h, mi);

describe('office hours in Vietnam time', () => {
	it('reads the weekday and minute in Vietnam, not in UTC', () => {
		// Sunday 17:30 UTC is Monday 00:30 in Vietnam
		expect(vietnamClock(new Date('2026-12-06T17:30:00Z'))).toEqual({
			day: '2026-12-07',
			weekday: 1,
			minute: 30
		});
		expect(vietnamClock(vn(13, 23, 59)).weekday).toBe(7);
	});

	it('is within a range from its start to just before its end', () => {
		expect(isWithinOfficeHours(WEEK, vn(7, 7))).toBe(true);
		expect(isWithinOfficeHours(WEEK, vn(7, 10, 59))).toBe(true);
		expect(isWithinOfficeHours(WEEK, vn(7, 11))).toBe(false);
		expect(isWithinOfficeHours(WEEK, vn(7, 12))).toBe(false);
		expect(isWithinOfficeHours(WEEK, vn(8, 8))).toBe(false); // Tuesday: no hours
	});

	it('without office hours is always available and has no next start', () => {
		expect(isWithinOfficeHours([], vn(13, 3))).toBe(true);
		expect(nextOfficeStart([], vn(13, 3))).toBeNull();
		expect(notifyAt([], vn(13, 3))).toEqual(vn(13, 3));
	});

	it('finds the next start later the same day', () => {
		expect(nextOfficeStart(WEEK, vn(7, 6, 59))).toEqual(vn(7, 7));
		expect(nextOfficeStart(WEEK, vn(7, 11))).toEqual(vn(7, 13, 30));
		expect(notifyAt(WEEK, vn(7, 12))).toEqual(vn(7, 13, 30));
		expect(notifyAt(WEEK, vn(7, 8))).toEqual(vn(7, 8)); // inside: at once
	});

	it('wraps the week over Sunday to Monday', () => {
		expect(nextOfficeStart(WEEK, vn(12, 12))).toEqual(vn(14, 7)); // Saturday noon → Monday
		expect(nextOfficeStart(WEEK, vn(13, 23, 30))).toEqual(vn(14, 7)); // Sunday night
		// Sunday 23:30 in Vietnam is still Sunday 16:30 UTC: the next start is Monday 00:00 UTC
		expect(nextOfficeStart(WEEK, new Date('2026-12-13T16:30:00Z'))?.toISOString()).toBe(
			'2026-12-14T00:00:00.000Z'
		);
	});

	it('handles Sunday hours and a week ahead on the same weekday', () => {
		const sunday: OfficeRange[] = [{ weekday: 7, start: 8 * 60, end: 10 * 60 }];
		expect(isWithinOfficeHours(sunday, vn(13, 9))).toBe(true);
		expect(nextOfficeStart(sunday, vn(7, 9))).toEqual(vn(13, 8));
		expect(nextOfficeStart(sunday, vn(13, 10))).toEqual(vn(20, 8)); // after it: next Sunday
		expect(nextOfficeStart(WEEK, vn(7, 17))).toEqual(vn(12, 7)); // Monday evening → Saturday
	});

	it('lets a range end at midnight (24:00)', () => {
		const late: OfficeRange[] = [{ weekday: 1, start: 22 * 60, end: 1440 }];
		expect(isWithinOfficeHours(late, vn(7, 23, 59))).toBe(true);
		expect(isWithinOfficeHours(late, vn(8, 0))).toBe(false);
		expect(nextOfficeStart(late, vn(8, 0))).toEqual(vn(14, 22));
	});

	it('is UTC+7 all year: no daylight-saving shift in March or October', () => {
		const monday: OfficeRange[] = [{ weekday: 1, start: 7 * 60, end: 8 * 60 }];
		// 2026-03-30 and 2026-10-26 are Mondays right after the European clock changes
		expect(nextOfficeStart(monday, vn(29, 12, 0, 3))?.toISOString()).toBe(
			'2026-03-30T00:00:00.000Z'
		);
		expect(nextOfficeStart(monday, vn(25, 12, 0, 10))?.toISOString()).toBe(
			'2026-10-26T00:00:00.000Z'
		);
	});

	it('reads and writes HH:MM', () => {
		expect(parseMinute('07:30')).toBe(450);
		expect(parseMinute('24:00')).toBe(1440);
		for (const bad of ['24:01', '7:30', '25:00', '07:60', '', '0730', '07:30:00'])
			expect(parseMinute(bad)).toBeNull();
		expect(minuteText(450)).toBe('07:30');
		expect(minuteText(1440)).toBe('24:00');
	});
});

const errorsOf = (input: Record<string, unknown>) => {
	const r = officeHoursSchema.safeParse(input);
	if (r.success) return null;
	return Object.fromEntries(r.error.issues.map((i) => [String(i.path[0] ?? ''), i.message]));
};

describe('the office-hours form', () => {
	it('gives the ranges of the filled fields; all empty is no office hours', () => {
		expect(
			officeHoursSchema.parse({
				staff: '5',
				d1_1_start: '07:00',
				d1_1_end: '11:00',
				d1_2_start: '13:30',
				d1_2_end: '17:00',
				d7_1_start: '08:00',
				d7_1_end: '24:00'
			})
		).toEqual({
			staff: 5,
			ranges: [
				{ weekday: 1, start: 420, end: 660 },
				{ weekday: 1, start: 810, end: 1020 },
				{ weekday: 7, start: 480, end: 1440 }
			]
		});
		expect(officeHoursSchema.parse({ staff: '5', d2_1_start: '' })).toEqual({
			staff: 5,
			ranges: []
		});
	});

	it('puts each broken rule beside its field', () => {
		expect(errorsOf({ staff: '1', d1_1_start: '11:00', d1_1_end: '07:00' })).toEqual({
			d1_1_end: 'officehours_v_order'
		});
		expect(errorsOf({ staff: '1', d2_1_start: '08:00', d2_1_end: '08:00' })).toEqual({
			d2_1_end: 'officehours_v_order'
		});
		expect(errorsOf({ staff: '1', d3_1_start: '08:00' })).toEqual({
			d3_1_end: 'officehours_v_pair'
		});
		expect(errorsOf({ staff: '1', d3_2_end: '08:00' })).toEqual({
			d3_2_start: 'officehours_v_pair'
		});
		expect(
			errorsOf({
				staff: '1',
				d4_1_start: '07:00',
				d4_1_end: '11:00',
				d4_2_start: '10:00',
				d4_2_end: '12:00'
			})
		).toEqual({ d4_2_start: 'officehours_v_overlap' });
		expect(errorsOf({ staff: '1', d5_1_start: '25:00', d5_1_end: '26:00' })).toEqual({
			d5_1_start: 'officehours_v_time',
			d5_1_end: 'officehours_v_time'
		});
		expect(errorsOf({ staff: '1', d6_1_start: '24:00', d6_1_end: '24:00' })).toEqual({
			d6_1_end: 'officehours_v_order'
		});
	});

	it('refuses hostile input: control characters, huge strings, bad or huge staff ids', () => {
		expect(errorsOf({ staff: '1', d1_1_start: '07:\u000000', d1_1_end: '08:00' })).not.toBeNull();
		expect(errorsOf({ staff: '1', d1_1_start: 'x'.repeat(100_000) })).not.toBeNull();
		expect(errorsOf({ d1_1_start: '07:00', d1_1_end: '08:00' })).toHaveProperty('staff');
		for (const staff of ['99999999999999999999', '-1', '1.5', 'abc', '0'])
			expect(errorsOf({ staff })?.staff).toBeDefined();
	});
});
