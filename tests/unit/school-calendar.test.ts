import { describe, expect, it } from 'vitest';
import {
	countSchoolDays,
	dayOffOn,
	dayOffRangeProblem,
	isoWeekday,
	notSchoolDay,
	type DayOff
} from '../../src/lib/calendar/days-off';
import { dayOffSchema } from '../../src/lib/schemas/calendar';

const year = { startsOn: '2026-09-05', endsOn: '2027-05-31' };
const tet: DayOff = {
	id: 1,
	startsOn: '2027-02-08',
	endsOn: '2027-02-14',
	name: 'Tết',
	level: 'department'
};
const storm: DayOff = {
	id: 2,
	startsOn: '2027-02-14',
	endsOn: '2027-02-16',
	name: 'Bão',
	level: 'school'
};

describe('school calendar rules', () => {
	it('numbers the weekdays from Monday (1) to Sunday (7)', () => {
		expect(isoWeekday('2026-12-07')).toBe(1);
		expect(isoWeekday('2026-12-12')).toBe(6);
		expect(isoWeekday('2026-12-06')).toBe(7);
	});

	it('says why a day is not a school day', () => {
		expect(notSchoolDay('2026-09-04', year, [])).toBe('outside_year');
		expect(notSchoolDay('2027-06-01', year, [])).toBe('outside_year');
		expect(notSchoolDay('2026-12-06', year, [])).toBe('weekend');
		expect(notSchoolDay('2026-12-12', year, [])).toBeNull(); // Saturday is taught
		expect(notSchoolDay('2027-02-10', year, [tet])).toBe('day_off');
		expect(notSchoolDay('2027-02-16', year, [tet, storm])).toBe('day_off');
		expect(notSchoolDay('2027-02-17', year, [tet, storm])).toBeNull();
		// a school that teaches Monday to Friday
		expect(notSchoolDay('2026-12-12', year, [], [1, 2, 3, 4, 5])).toBe('weekend');
	});

	it("names the department's day off first where both cover a day", () => {
		expect(dayOffOn('2027-02-14', [storm, tet])?.name).toBe('Tết');
		expect(dayOffOn('2027-02-15', [storm, tet])?.name).toBe('Bão');
		expect(dayOffOn('2027-02-17', [storm, tet])).toBeNull();
	});

	it('counts school days: six a week, less the days off (overlaps counted once)', () => {
		// 2027-02-08 (Mon) to 2027-02-21 (Sun): 12 teaching weekdays
		expect(countSchoolDays('2027-02-08', '2027-02-21', year, [])).toBe(12);
		// Tết takes Mon-Sat of the first week (6), the storm Mon-Tue of the second (2)
		expect(countSchoolDays('2027-02-08', '2027-02-21', year, [tet, storm])).toBe(4);
		expect(countSchoolDays('2027-02-21', '2027-02-08', year, [])).toBe(0);
	});

	it('keeps a day off inside the school year', () => {
		expect(dayOffRangeProblem({ startsOn: '2026-09-04', endsOn: '2026-09-06' }, year)).toBe(
			'startsOn'
		);
		expect(dayOffRangeProblem({ startsOn: '2027-05-30', endsOn: '2027-06-02' }, year)).toBe(
			'endsOn'
		);
		expect(dayOffRangeProblem({ startsOn: '2027-02-08', endsOn: '2027-02-14' }, year)).toBeNull();
	});

	it('refuses a form with the end before the start, control characters or a long reason', () => {
		const ok = dayOffSchema.safeParse({
			startsOn: '2027-02-08',
			endsOn: '08/02/2027',
			name: ' Tết '
		});
		expect(ok.success && ok.data).toEqual({
			startsOn: '2027-02-08',
			endsOn: '2027-02-08',
			name: 'Tết'
		});
		const back = dayOffSchema.safeParse({
			startsOn: '2027-02-08',
			endsOn: '2027-02-07',
			name: 'x'
		});
		expect(back.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
			['endsOn', 'calendar_v_end_before_start']
		]);
		for (const name of ['a\u0000b', 'x'.repeat(100_000), '   '])
			expect(
				dayOffSchema.safeParse({ startsOn: '2027-02-08', endsOn: '2027-02-08', name }).success
			).toBe(false);
		expect(
			dayOffSchema.safeParse({ startsOn: '2027-99-99', endsOn: '2027-02-08', name: 'x' }).success
		).toBe(false);
	});
});
