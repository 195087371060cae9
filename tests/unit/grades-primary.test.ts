import { describe, expect, it } from 'vitest';
import {
	QUALITY_ITEMS,
	gradeCompletion,
	missingQualityRatings,
	periodicTests,
	primaryAward,
	yearResult,
	type QualityLevel,
	type SubjectLevel
} from '../../src/lib/grades/primary';
import { parsePrimaryTestScore, primaryTestScoreProblem } from '../../src/lib/grades/scores';

/** A grade 4 pupil: 11 subjects and activities, 15 qualities and competences, 6 tested subjects. */
const pupil = (
	over: { subjects?: SubjectLevel[]; qualities?: QualityLevel[]; finalTests?: number[] } = {}
) => ({
	subjects: Array<SubjectLevel>(11).fill('T'),
	qualities: Array<QualityLevel>(15).fill('tot'),
	finalTests: [9, 9, 9, 9, 9, 9],
	...over
});

describe('Circular 27, Art. 9(2): end-of-year result', () => {
	it('gives Hoàn thành xuất sắc for all T, all Tốt and every final test at 9 or 10', () => {
		expect(yearResult(pupil())).toBe('xuat_sac');
		expect(yearResult(pupil({ finalTests: [10, 10, 9, 10, 9, 10] }))).toBe('xuat_sac');
	});

	it('gives Hoàn thành tốt, not Xuất sắc, for 8 in Toán and 9 in everything else', () => {
		expect(yearResult(pupil({ finalTests: [9, 8, 9, 9, 9, 9] }))).toBe('tot');
		expect(yearResult(pupil({ finalTests: [7, 7, 7, 7, 7, 7] }))).toBe('tot');
	});

	it('gives Hoàn thành for an H, a quality at Đạt or a test from 5 to 6', () => {
		const subjects: SubjectLevel[] = ['H', ...Array<SubjectLevel>(10).fill('T')];
		expect(yearResult(pupil({ subjects }))).toBe('hoan_thanh');
		expect(yearResult(pupil({ qualities: ['dat', ...Array<QualityLevel>(14).fill('tot')] }))).toBe(
			'hoan_thanh'
		);
		expect(yearResult(pupil({ finalTests: [9, 9, 6, 9, 9, 9] }))).toBe('hoan_thanh');
		expect(yearResult(pupil({ finalTests: [5, 5, 5, 5, 5, 5] }))).toBe('hoan_thanh');
	});

	it('gives Chưa hoàn thành for a C, a quality needing effort or a test under 5', () => {
		const subjects: SubjectLevel[] = ['C', ...Array<SubjectLevel>(10).fill('T')];
		expect(yearResult(pupil({ subjects }))).toBe('chua_hoan_thanh');
		const qualities: QualityLevel[] = ['can_co_gang', ...Array<QualityLevel>(14).fill('tot')];
		expect(yearResult(pupil({ qualities }))).toBe('chua_hoan_thanh');
		expect(yearResult(pupil({ finalTests: [9, 9, 9, 9, 9, 4] }))).toBe('chua_hoan_thanh');
	});

	it('rejects a test score of 0, 7.5 or 11 and unknown levels, naming the field', () => {
		expect(() => yearResult(pupil({ finalTests: [9, 0] }))).toThrow(
			new RangeError('finalTests[1] must be an integer from 1 to 10')
		);
		expect(() => yearResult(pupil({ finalTests: [7.5] }))).toThrow(/^finalTests\[0\]/);
		expect(() => yearResult(pupil({ finalTests: [11] }))).toThrow(/^finalTests\[0\]/);
		expect(() => yearResult(pupil({ subjects: ['T', 'A' as SubjectLevel] }))).toThrow(
			/^subjects\[1\] must be one of T, H, C/
		);
		expect(() => yearResult(pupil({ qualities: [] }))).toThrow(
			/^qualities must be a non-empty list/
		);
	});
});

describe('Circular 27, Art. 7: periodic test scores', () => {
	it('accepts integers from 1 to 10 only', () => {
		expect(parsePrimaryTestScore('10')).toEqual({ ok: true, value: 10 });
		expect(parsePrimaryTestScore('1')).toEqual({ ok: true, value: 1 });
		expect(parsePrimaryTestScore('0')).toEqual({ ok: false, problem: 'out_of_range' });
		expect(parsePrimaryTestScore('7,5')).toEqual({ ok: false, problem: 'not_an_integer' });
		expect(primaryTestScoreProblem(7.5)).toBe('not_an_integer');
	});

	it('lists the tests of each grade and checkpoint', () => {
		expect(periodicTests(1, 'end_1')).toEqual(['TV', 'TOAN']);
		expect(periodicTests(2, 'mid_1')).toEqual([]);
		expect(periodicTests(3, 'end_year')).toEqual(['TV', 'TOAN', 'NN1', 'THCN']);
		expect(periodicTests(4, 'mid_2')).toEqual(['TV', 'TOAN']);
		expect(periodicTests(5, 'end_year')).toEqual(['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN']);
		expect(periodicTests(5, 'end_year', { scienceTested: false })).not.toContain('KH');
		expect(() => periodicTests(6, 'end_1')).toThrow(/^grade must be/);
	});
});

describe('Circular 27: qualities, completion and awards', () => {
	it('lists the quality and competence items not yet rated', () => {
		expect(QUALITY_ITEMS).toHaveLength(15);
		const ratings = Object.fromEntries(QUALITY_ITEMS.map((item) => [item, 'dat' as const]));
		expect(missingQualityRatings(ratings)).toEqual([]);
		expect(missingQualityRatings({ ...ratings, cham_chi: null, the_chat: undefined })).toEqual([
			'cham_chi',
			'the_chat'
		]);
		expect(() => missingQualityRatings({ ...ratings, nhan_ai: 'kha' as QualityLevel })).toThrow(
			/^ratings.nhan_ai/
		);
	});

	it('completes the grade unless Chưa hoàn thành, which the principal decides', () => {
		expect(gradeCompletion('hoan_thanh')).toBe('completed');
		expect(gradeCompletion('chua_hoan_thanh')).toBe('principal_decides');
	});

	it('awards Xuất sắc, and Tiêu biểu only for Hoàn thành tốt recognised by the class', () => {
		expect(primaryAward('xuat_sac', false)).toBe('xuat_sac');
		expect(primaryAward('tot', true)).toBe('tieu_bieu');
		expect(primaryAward('tot', false)).toBeNull();
		expect(primaryAward('hoan_thanh', true)).toBeNull();
	});
});
