import { describe, expect, it } from 'vitest';
import { periodicTests, QUALITY_ITEMS, type QualityItem } from '../../src/lib/grades/primary';
import { primaryCheckpointOf, yearResultOf } from '../../src/lib/grades/primary-plan';
import { PRIMARY_PERIODIC_TESTS } from '../../src/lib/grades/primary-tests';
import { parseTestText } from '../../src/lib/schemas/primary';

const allTot = Object.fromEntries(QUALITY_ITEMS.map((i) => [i, 'tot'])) as Record<
	QualityItem,
	'tot'
>;
const grade1 = (tv: number | null, toan: number | null, level: 'T' | 'H' | 'C' = 'T') => [
	{ code: 'TV', level, testScore: tv },
	{ code: 'TOAN', level: 'T' as const, testScore: toan },
	{ code: 'DD', level: 'T' as const, testScore: null }
];

describe('periodic tests as data (Circular 27, Art. 7; primary-assessment.md §2)', () => {
	it('follows the domain table for every grade and checkpoint', () => {
		expect(periodicTests(1, 'end_1')).toEqual(['TV', 'TOAN']);
		expect(periodicTests(2, 'end_year')).toEqual(['TV', 'TOAN']);
		expect(periodicTests(3, 'end_year')).toEqual(['TV', 'TOAN', 'NN1', 'THCN']);
		expect(periodicTests(4, 'end_1')).toEqual(['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN']);
		expect(periodicTests(5, 'mid_2')).toEqual(['TV', 'TOAN']);
		for (const g of [1, 2, 3]) expect(periodicTests(g, 'mid_1')).toEqual([]);
		expect(PRIMARY_PERIODIC_TESTS[5]).toEqual(PRIMARY_PERIODIC_TESTS[4]);
	});

	it('leaves Khoa học out when the school reads the circular without it', () => {
		expect(periodicTests(4, 'end_year', { scienceTested: false })).not.toContain('KH');
	});

	it('maps the calendar checkpoints to the circular’s names', () => {
		expect(['mid1', 'end1', 'mid2', 'year'].map((c) => primaryCheckpointOf(c as 'mid1'))).toEqual([
			'mid_1',
			'end_1',
			'mid_2',
			'end_year'
		]);
		expect(() => primaryCheckpointOf('ck' as 'mid1')).toThrow(RangeError);
	});
});

describe('the stored year result (Art. 9(2))', () => {
	it('is Xuất sắc with every T, every Tốt and tests of 9 or more', () => {
		expect(yearResultOf(1, grade1(9, 10), allTot)).toEqual({ result: 'xuat_sac', missing: 0 });
	});

	it('is Hoàn thành tốt with an 8 in Toán (the lawnet Q&A case)', () => {
		expect(yearResultOf(1, grade1(9, 8), allTot).result).toBe('tot');
	});

	it('counts a missing level, a missing year test and unrated qualities; no result until complete', () => {
		expect(yearResultOf(1, grade1(null, 9), allTot)).toEqual({ result: null, missing: 1 });
		const { nhan_ai: _, ...fewer } = allTot;
		expect(yearResultOf(1, grade1(9, 9), fewer)).toEqual({ result: null, missing: 1 });
		expect(yearResultOf(1, [{ code: 'DD', level: null, testScore: null }], {})).toEqual({
			result: null,
			missing: 1 + QUALITY_ITEMS.length
		});
	});

	it('ignores a subject without a year test and is Chưa hoàn thành with a C', () => {
		expect(yearResultOf(1, grade1(9, 9, 'C'), allTot).result).toBe('chua_hoan_thanh');
	});
});

describe('a typed test score', () => {
	it('accepts integers 1-10 and an empty cell', () => {
		expect(parseTestText(' 10 ')).toEqual({ ok: true, value: 10 });
		expect(parseTestText('1')).toEqual({ ok: true, value: 1 });
		expect(parseTestText('')).toEqual({ ok: true, value: null });
	});

	it('refuses 0, 7.5, 7,5, 11 and text', () => {
		expect(parseTestText('0')).toEqual({ ok: false, code: 'primary_v_test_out_of_range' });
		expect(parseTestText('7.5')).toEqual({ ok: false, code: 'primary_v_test_not_an_integer' });
		expect(parseTestText('7,5')).toEqual({ ok: false, code: 'primary_v_test_not_an_integer' });
		expect(parseTestText('11')).toEqual({ ok: false, code: 'primary_v_test_out_of_range' });
		expect(parseTestText('tám')).toEqual({ ok: false, code: 'primary_v_test_not_a_number' });
	});
});
