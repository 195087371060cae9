import { describe, expect, it } from 'vitest';
import { periodicTests, QUALITY_ITEMS } from '../../src/lib/grades/primary';
import { yearResultOf } from '../../src/lib/grades/primary-plan';

/** A school's own table of periodic tests (0330) passed as the optional last argument. */
const plan = { end: ['TV', 'DD'], mid: [] };
const allTot = Object.fromEntries(QUALITY_ITEMS.map((i) => [i, 'tot' as const]));

describe('a school’s periodic-test table', () => {
	it('replaces the default table of the grade', () => {
		expect(periodicTests(1, 'end_year')).toEqual(['TV', 'TOAN']);
		expect(periodicTests(1, 'end_year', undefined, plan)).toEqual(['TV', 'DD']);
		expect(periodicTests(4, 'mid_1', undefined, plan)).toEqual([]);
		expect(() => periodicTests(6, 'end_year', undefined, plan)).toThrow(RangeError);
	});

	it('decides which year tests a year result needs', () => {
		const subjects = [
			{ code: 'TV', level: 'T' as const, testScore: 9 },
			{ code: 'TOAN', level: 'T' as const, testScore: null },
			{ code: 'DD', level: 'T' as const, testScore: null }
		];
		// the default table needs Toán's test; the school's needs Đạo đức's instead
		expect(yearResultOf(1, subjects, allTot)).toEqual({ result: null, missing: 1 });
		expect(yearResultOf(1, subjects, allTot, undefined, plan)).toEqual({
			result: null,
			missing: 1
		});
		subjects[2].testScore = 8;
		expect(yearResultOf(1, subjects, allTot, undefined, plan)).toEqual({
			result: 'tot',
			missing: 0
		});
		expect(yearResultOf(1, subjects, allTot)).toEqual({ result: null, missing: 1 });
	});
});
