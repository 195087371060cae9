import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates';
import {
	absenceFormSchema,
	assignCoverSchema,
	monthSchema,
	otherCoverSchema
} from '../../src/lib/schemas/timetable';
import {
	absenceDateProblem,
	dateOfWeekday,
	listedWeek,
	monthRange,
	weekdayOfDay,
	withCoversGiven,
	withCoversHeld,
	withCoversTaken,
	type CoverMark
} from '../../src/lib/timetable/cover';
import { todayIso } from '../../src/lib/dates';

// Sunday 6 December 2026
const sunday = '2026-12-06';
const mark = (day: string, period: number): CoverMark => ({
	day,
	period,
	subjectName: 'Toán',
	className: '7B',
	kind: 'substitute',
	staffName: 'Cô Lan',
	absentName: 'Thầy Minh',
	mergedClassName: null
});

describe('cover dates', () => {
	it('maps the weekdays of the list from today to their dates', () => {
		expect(weekdayOfDay(sunday)).toBe(6);
		expect(weekdayOfDay('2026-12-07')).toBe(0);
		expect(dateOfWeekday(sunday, 0)).toBe('2026-12-07');
		expect(dateOfWeekday(sunday, 5)).toBe('2026-12-12');
		expect(dateOfWeekday('2026-12-09', 2)).toBe('2026-12-09');
		expect(dateOfWeekday('2026-12-09', 1)).toBe('2026-12-15');
		expect(listedWeek(sunday)).toEqual({ from: sunday, to: '2026-12-12' });
	});

	it('gives the first and last day of a month', () => {
		expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
		expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
		expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
	});

	it('keeps an absence within a year of today', () => {
		expect(absenceDateProblem(sunday, sunday, sunday)).toBeNull();
		expect(absenceDateProblem(addDays(sunday, -366), sunday, sunday)).toBeNull();
		expect(absenceDateProblem(addDays(sunday, 367), addDays(sunday, 368), sunday)).toEqual({
			field: 'startsOn',
			code: 'timetable_absence_far'
		});
		expect(absenceDateProblem(sunday, '2100-01-01', sunday)?.field).toBe('endsOn');
	});
});

describe('covers on a week list', () => {
	const cells = [
		{ day: 0, period: 1, kind: 'lesson' as const, subjectName: 'Văn', detail: 'Thầy Minh' }
	];
	it("adds a substitute's covers of the listed week as their own periods", () => {
		const out = withCoversGiven(
			[],
			[mark('2026-12-07', 2), mark('2026-12-14', 2)],
			sunday,
			(c) => `${c.day} ${c.absentName}`
		);
		expect(out).toEqual([
			{
				day: 0,
				period: 2,
				kind: 'lesson',
				subjectName: 'Toán',
				detail: '7B',
				note: '2026-12-07 Thầy Minh'
			}
		]);
	});

	it("marks the class's period a cover replaces, and adds one the grid lacks", () => {
		const out = withCoversHeld(
			cells,
			[mark('2026-12-07', 1), mark('2026-12-08', 3), mark('2026-12-20', 1)],
			sunday,
			(c) => `by ${c.staffName}`
		);
		expect(out).toHaveLength(2);
		expect(out[0]).toMatchObject({ day: 0, period: 1, subjectName: 'Văn', note: 'by Cô Lan' });
		expect(out[1]).toMatchObject({ day: 1, period: 3, detail: 'Cô Lan', note: 'by Cô Lan' });
		expect(withCoversHeld(cells, [], sunday, () => 'x')).toEqual(cells);
	});

	it("marks the absent teacher's covered periods, self-study and merged classes too", () => {
		const own = [
			...cells,
			{ day: 1, period: 0, kind: 'lesson' as const, subjectName: 'Văn', detail: '7C' },
			{ day: 2, period: 0, kind: 'lesson' as const, subjectName: 'Văn', detail: '7D' }
		];
		const selfStudy: CoverMark = { ...mark('2026-12-08', 0), kind: 'self_study', staffName: null };
		const merged: CoverMark = {
			...mark('2026-12-09', 0),
			kind: 'merged',
			staffName: null,
			mergedClassName: '7A'
		};
		const note = (c: CoverMark) => `${c.kind} ${c.staffName ?? c.mergedClassName ?? ''}`.trim();
		const out = withCoversTaken(own, [mark('2026-12-07', 1), selfStudy, merged], sunday, note);
		expect(out.map((c) => c.note)).toEqual(['substitute Cô Lan', 'self_study', 'merged 7A']);
		// a cover of the next week (outside the list) marks nothing, nothing is added
		expect(withCoversTaken(own, [mark('2026-12-14', 1)], sunday, note)).toEqual(own);
		expect(withCoversHeld([], [selfStudy], sunday, note)[0]).toMatchObject({ detail: '' });
	});
});

describe('the cover forms', () => {
	const today = todayIso();
	it('reads an absence and refuses hostile values', () => {
		const ok = { staffId: '5', startsOn: today, endsOn: today, periods: ['2', '0', '2'] };
		expect(absenceFormSchema.parse(ok)).toEqual({
			staffId: 5,
			startsOn: today,
			endsOn: today,
			periods: [0, 2],
			reason: null
		});
		expect(absenceFormSchema.parse({ ...ok, periods: [] }).periods).toBeNull();
		for (const bad of [
			{ staffId: '99999999999' },
			{ staffId: '1e400' },
			{ startsOn: '2026-02-30' },
			{ startsOn: `${today}\u0000` },
			{ endsOn: '9999-12-31' },
			{ endsOn: '2100-01-01' },
			{ periods: ['16'] },
			{ periods: ['-1'] },
			{ periods: Array(17).fill('1') },
			{ reason: 'x'.repeat(100_000) },
			{ reason: 'a\u0000b' }
		])
			expect(
				absenceFormSchema.safeParse({ ...ok, ...bad }).success,
				JSON.stringify(bad).slice(0, 60)
			).toBe(false);
	});

	it('reads the assign forms', () => {
		expect(
			assignCoverSchema.parse({ day: today, period: '3', classId: '7', staffId: '9' })
		).toEqual({ day: today, period: 3, classId: 7, staffId: 9 });
		expect(otherCoverSchema.parse({ lesson: `${today}|3|7`, staffId: '9' })).toEqual({
			lesson: [today, 3, 7],
			staffId: 9
		});
		for (const lesson of [
			`${today}|16|7`,
			`${today}|3|99999999999`,
			`${today}|3`,
			'\u0000',
			'x'.repeat(100_000)
		])
			expect(otherCoverSchema.safeParse({ lesson, staffId: '9' }).success).toBe(false);
		expect(monthSchema.safeParse('2026-13').success).toBe(false);
		expect(monthSchema.parse('2026-12')).toBe('2026-12');
	});
});
