import { describe, expect, it } from 'vitest';
import type { DayOff } from '../../src/lib/calendar/days-off';
import {
	countAbsences,
	countSchoolDaysWith,
	makeUpDayProblem,
	schoolDayProblem,
	type AbsenceRow,
	type MakeUpDay,
	type SchoolCalendar
} from '../../src/lib/calendar/school-days';
import { yearEndDecision } from '../../src/lib/grades/promotion';

const year = { startsOn: '2026-09-05', endsOn: '2027-05-31' };
// Monday 2026-10-12 to Wednesday 2026-10-14: the school closed for a typhoon
const storm: DayOff = {
	id: 1,
	startsOn: '2026-10-12',
	endsOn: '2026-10-14',
	name: 'Bão số 3',
	level: 'school'
};
const holiday: DayOff = {
	id: 2,
	startsOn: '2026-11-20',
	endsOn: '2026-11-20',
	name: 'Ngày Nhà giáo',
	level: 'department'
};
const sunday = '2026-10-18';
const schoolSunday: MakeUpDay = { id: 1, day: sunday, name: 'Học bù bão', level: 'school' };
const cal = (over: Partial<SchoolCalendar> = {}): SchoolCalendar => ({
	year,
	offs: [storm, holiday],
	makeUps: [],
	...over
});

describe('make-up school days', () => {
	it('makes a Sunday a school day, and only that Sunday', () => {
		expect(schoolDayProblem(sunday, cal())).toBe('weekend');
		expect(schoolDayProblem(sunday, cal({ makeUps: [schoolSunday] }))).toBeNull();
		expect(schoolDayProblem('2026-10-25', cal({ makeUps: [schoolSunday] }))).toBe('weekend');
	});

	it("lets the department's make-up day win over its own holiday, not over a school's closure", () => {
		const onHoliday: MakeUpDay = { id: 2, day: '2026-11-20', name: 'x', level: 'department' };
		expect(schoolDayProblem('2026-11-20', cal({ makeUps: [onHoliday] }))).toBeNull();
		const onStorm: MakeUpDay = { id: 3, day: '2026-10-13', name: 'x', level: 'department' };
		expect(schoolDayProblem('2026-10-13', cal({ makeUps: [onStorm] }))).toBe('day_off');
		// the school's own make-up day wins over its own closure
		expect(
			schoolDayProblem('2026-10-13', cal({ makeUps: [{ ...onStorm, level: 'school' }] }))
		).toBe(null);
	});

	it('never makes a day outside the school year a school day', () => {
		const summer: MakeUpDay = { id: 4, day: '2027-06-05', name: 'x', level: 'school' };
		expect(schoolDayProblem('2027-06-05', cal({ makeUps: [summer] }))).toBe('outside_year');
	});

	it('counts make-up days in the school days of a span', () => {
		// week of 12 to 18 October: Mon–Wed closed, Thu–Sat open, Sunday made up
		expect(countSchoolDaysWith('2026-10-12', '2026-10-18', cal())).toBe(3);
		expect(countSchoolDaysWith('2026-10-12', '2026-10-18', cal({ makeUps: [schoolSunday] }))).toBe(
			4
		);
	});

	it('refuses a make-up day on a day that is already a school day, or outside the year', () => {
		expect(makeUpDayProblem('2026-10-15', 'school', cal())).toBe(
			'calendar_make_up_already_school_day'
		);
		expect(makeUpDayProblem(sunday, 'school', cal())).toBeNull();
		expect(makeUpDayProblem('2026-10-13', 'school', cal())).toBeNull();
		expect(makeUpDayProblem('2027-07-01', 'school', cal())).toBe('calendar_outside_year');
		// the department judges by its own calendar: the school's closure is a school day for it
		expect(makeUpDayProblem('2026-10-13', 'department', cal())).toBe(
			'calendar_make_up_already_school_day'
		);
		expect(makeUpDayProblem('2026-11-20', 'department', cal())).toBeNull();
	});
});

/** `n` absent sessions on consecutive weekdays (mornings and afternoons) from Monday 2026-09-07. */
function absences(n: number): AbsenceRow[] {
	const rows: AbsenceRow[] = [];
	for (
		let d = new Date('2026-09-07T00:00:00Z');
		rows.length < n;
		d.setUTCDate(d.getUTCDate() + 1)
	) {
		const day = d.toISOString().slice(0, 10);
		if ([0, 6].includes(d.getUTCDay()) || (day >= storm.startsOn && day <= storm.endsOn)) continue;
		rows.push({ day, status: 'excused' });
		if (rows.length < n) rows.push({ day, status: 'unexcused' });
	}
	return rows;
}

describe('the 45-session rule on school days', () => {
	const promotion = (counted: { excused: number; unexcused: number }) =>
		yearEndDecision({ conduct: 'tot', learning: 'tot', absences: counted });

	it('promotes at 45 counted sessions and holds back at 46', () => {
		const at45 = countAbsences(absences(45), cal());
		expect(at45).toEqual({ excused: 23, unexcused: 22, notCounted: 0 });
		expect(promotion(at45)).toBe('promoted');
		const at46 = countAbsences(absences(46), cal());
		expect(at46.excused + at46.unexcused).toBe(46);
		expect(promotion(at46)).toBe('repeat');
	});

	it('does not count the sessions of a day declared off after the roll was taken', () => {
		const rows = absences(46);
		// a day in the middle of those absences is declared off later (a closure for a flood)
		const flooded: DayOff = {
			id: 9,
			startsOn: rows[20].day,
			endsOn: rows[20].day,
			name: 'Lũ',
			level: 'school'
		};
		const counted = countAbsences(rows, cal({ offs: [storm, holiday, flooded] }));
		expect(counted).toEqual({ excused: 22, unexcused: 22, notCounted: 2 });
		expect(promotion(counted)).toBe('promoted');
	});

	it('counts a Sunday roll only once the Sunday is declared a make-up day', () => {
		const rows = [...absences(45), { day: sunday, status: 'unexcused' as const }];
		expect(countAbsences(rows, cal())).toMatchObject({ unexcused: 22, notCounted: 1 });
		expect(promotion(countAbsences(rows, cal()))).toBe('promoted');
		const made = countAbsences(rows, cal({ makeUps: [schoolSunday] }));
		expect(made).toMatchObject({ unexcused: 23, notCounted: 0 });
		expect(promotion(made)).toBe('repeat');
	});

	it('refuses an absence that is neither excused nor unexcused', () => {
		const bad = [{ day: '2026-09-07', status: 'present' }] as unknown as AbsenceRow[];
		expect(() => countAbsences(bad, cal())).toThrow(RangeError);
	});
});
