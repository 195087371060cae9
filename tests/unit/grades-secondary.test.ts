import { describe, expect, it } from 'vitest';
import {
	award,
	learningLevel,
	learningLevelDetail,
	semesterAverage,
	yearAverage,
	yearConduct,
	type Level,
	type SubjectResult
} from '../../src/lib/grades/secondary';
import {
	commentRowResult,
	commentYearResult,
	gradebookRowAverage,
	yearAverageFromScores
} from '../../src/lib/grades/gradebook';
import { regularAssessmentCount } from '../../src/lib/grades/plan';
import { DEFAULT_GRADING_SETTINGS } from '../../src/lib/grades/settings';
import { parseSecondaryScore, secondaryScoreProblem } from '../../src/lib/grades/scores';
import {
	applyRetests,
	countedAbsences,
	retestSubjects,
	summerDecision,
	yearEndDecision
} from '../../src/lib/grades/promotion';

const scored = (...averages: number[]): SubjectResult[] =>
	averages.map((average) => ({ scored: true, average }));
const comments = (...passed: boolean[]): SubjectResult[] =>
	passed.map((p) => ({ scored: false, passed: p }));
/** A THCS pupil: 8 scored subjects and 4 comment subjects (Circular 22, Art. 5). */
const thcs = (averages: number[], commentsPassed = [true, true, true, true]) => [
	...scored(...averages),
	...comments(...commentsPassed)
];

describe('Circular 22, Art. 9(1): semester average', () => {
	it('sums the regular scores and weights mid-term 2 and end-of-term 3', () => {
		expect(semesterAverage({ regular: [8, 9], midterm: 7, final: 8.5 })).toBe(8.1);
		// (4 + 10 + 10 + 10 + 2*5 + 3*5) / 9 = 6.56 -> 6.6; averaging TX first would give 5.6
		expect(semesterAverage({ regular: [4, 10, 10, 10], midterm: 5, final: 5 })).toBe(6.6);
	});

	it('rounds a half-way tie up: 66/8 = 8.25 -> 8.3 (3 regular scores, denominator 8)', () => {
		expect(semesterAverage({ regular: [8, 8, 10], midterm: 8, final: 8 })).toBe(8.3);
		expect(
			semesterAverage({ regular: [8, 8, 10], midterm: 8, final: 8 }, { rounding: 'half_even' })
		).toBe(8.2);
		expect(semesterAverage({ regular: [8, 8, 9], midterm: 8, final: 8 })).toBe(8.1); // 8.125
	});

	it('rounds exactly where binary floats fall just below the tie', () => {
		// (3 x 8.1 + 2 x 8.3 + 3 x 8.1) / 8 = 8.15 exactly; in binary floats 8.149999...
		expect(semesterAverage({ regular: [8.1, 8.1, 8.1], midterm: 8.3, final: 8.1 })).toBe(8.2);
		// (24.3 + 16.4 + 21.3) / 8 = 7.75; floats give 7.7499999...
		expect(semesterAverage({ regular: [8.1, 8.1, 8.1], midterm: 8.2, final: 7.1 })).toBe(7.8);
		expect(semesterAverage({ regular: [8.1, 8.1, 8.1], midterm: 8.4, final: 9.1 })).toBe(8.6);
		// (8.1 + 8.2 + 8.3 + 2 x 7 + 3 x 7.8) / 8 = 62 / 8 = 7.75; floats give 7.7499999...
		expect(semesterAverage({ regular: [8.1, 8.2, 8.3], midterm: 7, final: 7.8 })).toBe(7.8);
		expect(semesterAverage({ regular: [8.1, 8.2, 8.3], midterm: 7.4, final: 8.6 })).toBe(8.2);
	});

	it('counts a real 0 as a score', () => {
		expect(semesterAverage({ regular: [0, 0], midterm: 0, final: 0 })).toBe(0);
		expect(semesterAverage({ regular: [10, 10, 10, 10], midterm: 10, final: 10 })).toBe(10);
		expect(semesterAverage({ regular: [8, 8], midterm: 8, final: 0 })).toBe(4.6); // 32/7
	});

	it('rejects invalid scores with a message naming the field', () => {
		expect(() => semesterAverage({ regular: [8, 9, 8.25], midterm: 7, final: 8 })).toThrow(
			new RangeError('regular[2] must be between 0 and 10 with at most one decimal')
		);
		expect(() => semesterAverage({ regular: [8], midterm: -1, final: 8 })).toThrow(/^midterm /);
		expect(() => semesterAverage({ regular: [8], midterm: 8, final: 10.1 })).toThrow(/^final /);
		expect(() => semesterAverage({ regular: [8], midterm: 8, final: NaN })).toThrow(RangeError);
		expect(() => semesterAverage({ regular: [], midterm: 8, final: 8 })).toThrow(/^regular /);
	});
});

describe('school grading settings', () => {
	it('passes one settings object with the recommended readings to every rule', () => {
		const s = { regular: [8, 8, 10], midterm: 8, final: 8 };
		expect(semesterAverage(s, DEFAULT_GRADING_SETTINGS)).toBe(8.3);
		expect(yearAverageFromScores(s, s, DEFAULT_GRADING_SETTINGS).year).toBe(8.3);
		expect(learningLevel(thcs([9, 9, 9, 9, 9, 9, 9, 3]), DEFAULT_GRADING_SETTINGS)).toBe('dat');
		const subject = { assessment: 'score' as const, periodsPerYear: 70, hasTopicCluster: true };
		expect(regularAssessmentCount(subject, DEFAULT_GRADING_SETTINGS)).toBe(4);
	});
});

describe('Circular 22, Art. 9(1): year average', () => {
	it('weights semester II twice and rounds to one decimal', () => {
		expect(yearAverage(7.0, 7.4)).toBe(7.3); // 7.27
		expect(yearAverage(8.0, 8.6)).toBe(8.4);
		expect(yearAverage(6.5, 5.0)).toBe(5.5);
		expect(yearAverage(4.9, 5.0)).toBe(5.0); // 4.97
		expect(yearAverage(8.1, 8.2)).toBe(8.2); // 24.5/3 = 8.17
	});

	it('rejects a semester average with two decimals, naming it', () => {
		expect(() => yearAverage(7.25, 8)).toThrow(/^semester1 must be between 0 and 10/);
		expect(() => yearAverage(7, 11)).toThrow(/^semester2 /);
	});

	it('uses the rounded semester averages by default, the exact ones as a setting', () => {
		const s1 = { regular: [8, 8, 9], midterm: 6, final: 7.5 }; // 7.4375
		const s2 = { regular: [8, 7, 9], midterm: 6, final: 7.5 }; // 7.3125
		expect(yearAverageFromScores(s1, s2)).toEqual({ semester1: 7.4, semester2: 7.3, year: 7.3 });
		expect(
			yearAverageFromScores(s1, s2, { rounding: 'half_up', semesterAverages: 'exact' }).year
		).toBe(7.4);
	});
});

describe('gradebook rows: missing, absent and exempt are never 0', () => {
	const plan = { regularCount: 3 };

	it('computes no average while a score is missing, and says which', () => {
		expect(
			gradebookRowAverage({ regular: [8, null, 'absent'], midterm: 7, final: null }, plan)
		).toEqual({
			status: 'incomplete',
			missing: [
				{ field: 'regular[1]', reason: 'not_entered' },
				{ field: 'regular[2]', reason: 'makeup_pending' },
				{ field: 'final', reason: 'not_entered' }
			]
		});
		expect(gradebookRowAverage({ regular: [8, 8], midterm: 8, final: 8 }, plan)).toMatchObject({
			status: 'incomplete',
			missing: [{ field: 'regular[2]', reason: 'not_entered' }]
		});
	});

	it('counts an entered 0 but not an empty end-of-term cell', () => {
		const row = { regular: [8, 8, 10], midterm: 8 };
		expect(gradebookRowAverage({ ...row, final: 0 }, plan)).toEqual({ status: 'ok', average: 5.3 });
		expect(gradebookRowAverage({ ...row, final: null }, plan).status).toBe('incomplete');
		expect(gradebookRowAverage({ ...row, final: 8 }, plan)).toEqual({ status: 'ok', average: 8.3 });
	});

	it('leaves an exempt regular assessment out of sum and count; exempt periodic tests exempt the row', () => {
		const row = { regular: [9, 'exempt' as const, 7], midterm: 8, final: 8 };
		expect(gradebookRowAverage(row, plan)).toEqual({ status: 'ok', average: 8 }); // 56/7
		expect(gradebookRowAverage({ ...row, final: 'exempt' }, plan)).toEqual({ status: 'exempt' });
	});

	it('rejects a column the plan does not have and bad cells, naming them', () => {
		expect(() =>
			gradebookRowAverage({ regular: [8, 8, 8, 8], midterm: 8, final: 8 }, plan)
		).toThrow('regular[3] is not a column of the plan (3 regular scores)');
		expect(() =>
			gradebookRowAverage({ regular: ['exempt', 8, 8.15], midterm: 8, final: 8 }, plan)
		).toThrow(/^regular\[2\] must be between 0 and 10/);
		expect(() =>
			gradebookRowAverage({ regular: [8], midterm: 8, final: 8 }, { regularCount: 0 })
		).toThrow(/^plan.regularCount/);
	});

	it('gives a comment subject Đạt only when every required assessment exists and is Đạt', () => {
		const plan2 = { regularCount: 2 };
		const all = { regular: ['dat' as const, 'dat' as const], midterm: 'dat' as const };
		expect(commentRowResult({ ...all, final: 'dat' }, plan2)).toEqual({
			status: 'ok',
			passed: true
		});
		expect(commentRowResult({ ...all, final: 'chua_dat' }, plan2)).toEqual({
			status: 'ok',
			passed: false
		});
		expect(commentRowResult({ ...all, final: 'absent' }, plan2).status).toBe('incomplete');
		expect(commentYearResult(false, true)).toBe(true);
		expect(commentYearResult(true, false)).toBe(false);
	});
});

describe('Circular 22, Art. 6(2): regular assessments per semester', () => {
	it('gives 2 for 35 periods, 3 up to 70, 4 above; 2 for comment subjects', () => {
		const count = (periodsPerYear: number) =>
			regularAssessmentCount({ assessment: 'score', periodsPerYear });
		expect([35, 36, 52, 70, 71, 105, 140].map(count)).toEqual([2, 3, 3, 3, 4, 4, 4]);
		expect(regularAssessmentCount({ assessment: 'comment', periodsPerYear: 105 })).toBe(2);
	});

	it('adds one for a learning topic cluster unless the school setting says otherwise', () => {
		const elective = { assessment: 'score' as const, periodsPerYear: 70, hasTopicCluster: true };
		expect(regularAssessmentCount(elective)).toBe(4);
		expect(regularAssessmentCount(elective, { topicCluster: 'not_counted' })).toBe(3);
		expect(() => regularAssessmentCount({ assessment: 'score', periodsPerYear: 0 })).toThrow(
			/^periodsPerYear/
		);
	});
});

describe('Circular 22, Art. 5(3): score validation', () => {
	it('accepts 0 to 10 with one decimal, a decimal comma too', () => {
		expect(parseSecondaryScore('8,5')).toEqual({ ok: true, value: 8.5 });
		expect(parseSecondaryScore(' 0 ')).toEqual({ ok: true, value: 0 });
		expect(parseSecondaryScore('8.25')).toEqual({ ok: false, problem: 'too_many_decimals' });
		expect(parseSecondaryScore('10.5')).toEqual({ ok: false, problem: 'out_of_range' });
		expect(parseSecondaryScore('')).toEqual({ ok: false, problem: 'not_a_number' });
		expect(parseSecondaryScore('tám')).toEqual({ ok: false, problem: 'not_a_number' });
		expect(secondaryScoreProblem(0.1 + 0.2)).toBeNull(); // 0.30000000000000004 is 0.3
	});
});

describe('Circular 22, Art. 9(2): learning level', () => {
	it('puts the thresholds at exactly 8.0, 6.5, 5.0 and 3.5', () => {
		expect(learningLevel(thcs([8, 8, 8, 8, 8, 8, 6.5, 6.5]))).toBe('tot');
		expect(learningLevel(thcs([8, 8, 8, 8, 8, 7.9, 6.5, 6.5]))).toBe('kha');
		expect(learningLevel(thcs([6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 5]))).toBe('kha');
		expect(learningLevel(thcs([6.5, 6.5, 6.5, 6.5, 6.5, 6.4, 5, 5]))).toBe('dat');
		expect(learningLevel(thcs([5, 5, 5, 5, 5, 5, 3.5, 3.5], [true, true, true, false]))).toBe(
			'dat'
		);
		expect(learningLevel(thcs([5, 5, 5, 5, 5, 4.9, 3.5, 3.5]))).toBe('chua_dat');
		expect(learningLevel(thcs([5, 5, 5, 5, 5, 5, 5, 3.4]))).toBe('chua_dat');
	});

	it('needs every comment subject Đạt for Tốt and Khá, and allows one Chưa đạt for Đạt', () => {
		expect(learningLevel(thcs([7, 7, 7, 7, 7, 7, 7, 7], [true, true, false, true]))).toBe('dat');
		expect(learningLevel(thcs([7, 7, 7, 7, 7, 7, 7, 7], [false, true, false, true]))).toBe(
			'chua_dat'
		);
	});

	it('raises a would-be Tốt pulled down two levels by one comment subject Chưa đạt to Khá', () => {
		const subjects = thcs([9, 9, 9, 9, 9, 9, 9, 9], [true, false, true, true]);
		expect(learningLevelDetail(subjects)).toEqual({
			level: 'kha',
			computed: 'dat',
			adjustedFor: 9
		});
	});

	it('raises a would-be Tốt with one subject at 4.0 from Đạt to Khá', () => {
		const detail = learningLevelDetail(thcs([9, 9, 9, 9, 9, 9, 9, 4]));
		expect(detail).toEqual({ level: 'kha', computed: 'dat', adjustedFor: 7 });
	});

	it('raises a would-be Tốt with one subject under 3.5 one step, or to Khá under the other reading', () => {
		const subjects = thcs([9, 9, 9, 9, 9, 9, 9, 3]);
		expect(learningLevelDetail(subjects)).toEqual({
			level: 'dat',
			computed: 'chua_dat',
			adjustedFor: 7
		});
		expect(learningLevel(subjects, { adjustment: 'one_below_deserved' })).toBe('kha');
	});

	it('raises a would-be Khá with one subject under 3.5 from Chưa đạt to Đạt', () => {
		expect(learningLevel(thcs([7, 7, 7, 7, 7, 7, 7, 3.4]))).toBe('dat');
		expect(
			learningLevel(thcs([7, 7, 7, 7, 7, 7, 7, 3.4]), { adjustment: 'one_below_deserved' })
		).toBe('dat');
	});

	it('raises a pupil who would be Khá but for one subject under 3.5, even with another under 6.5', () => {
		expect(learningLevelDetail(thcs([9, 9, 9, 9, 9, 9, 6, 3]))).toEqual({
			level: 'dat',
			computed: 'chua_dat',
			adjustedFor: 7
		});
	});

	it('does not adjust a fall of one level, or a fall caused by two subjects', () => {
		expect(learningLevelDetail(thcs([9, 9, 9, 9, 9, 9, 9, 5.5])).adjustedFor).toBeNull(); // Khá
		expect(learningLevel(thcs([7, 7, 7, 7, 7, 7, 7, 4.9]))).toBe('dat');
		expect(learningLevel(thcs([9, 9, 9, 9, 9, 9, 4, 4]))).toBe('dat');
		expect(learningLevel(thcs([9, 9, 9, 9, 9, 9, 9, 9], [false, false, true, true]))).toBe(
			'chua_dat'
		);
		expect(learningLevel(thcs([9, 9, 9, 9, 9, 9, 9, 3], [true, true, true, false]))).toBe(
			'chua_dat'
		);
	});

	it('rejects invalid subjects, naming them', () => {
		expect(() => learningLevel([])).toThrow(/^subjects must be a non-empty list/);
		expect(() => learningLevel(scored(8, 8.05))).toThrow(
			'subjects[1].average must be between 0 and 10 with at most one decimal'
		);
		expect(() =>
			learningLevel([{ scored: false, passed: 'yes' } as unknown as SubjectResult])
		).toThrow(/^subjects\[0\].passed/);
	});
});

describe('Circular 22, Art. 8(2): year conduct', () => {
	const table: Array<[Level, Level, Level]> = [
		// [semester I, semester II, year]
		['tot', 'tot', 'tot'],
		['kha', 'tot', 'tot'],
		['dat', 'tot', 'kha'],
		['chua_dat', 'tot', 'kha'],
		['tot', 'kha', 'kha'],
		['kha', 'kha', 'kha'],
		['dat', 'kha', 'kha'],
		['chua_dat', 'kha', 'dat'],
		['tot', 'dat', 'kha'],
		['kha', 'dat', 'dat'],
		['dat', 'dat', 'dat'],
		['chua_dat', 'dat', 'dat'],
		['tot', 'chua_dat', 'chua_dat'],
		['kha', 'chua_dat', 'chua_dat'],
		['dat', 'chua_dat', 'chua_dat'],
		['chua_dat', 'chua_dat', 'chua_dat']
	];

	it.each(table)('gives semester I %s and semester II %s the year level %s', (s1, s2, year) => {
		expect(yearConduct(s1, s2)).toBe(year);
	});

	it('rejects an unknown level, naming the semester', () => {
		expect(() => yearConduct('gioi' as Level, 'tot')).toThrow(/^semester1 must be one of/);
	});
});

describe('Circular 22, Art. 15: awards', () => {
	const nine = [9, 9, 9, 9, 9, 9, 8, 8.5];

	it('names Học sinh Xuất sắc with conduct and learning Tốt and six subjects at 9.0 or more', () => {
		expect(award({ conduct: 'tot', learning: 'tot', yearAverages: nine })).toBe('xuat_sac');
	});

	it('names Học sinh Giỏi when only five subjects reach 9.0', () => {
		const five = [9, 9, 9, 9, 9, 8.9, 8, 8.5];
		expect(award({ conduct: 'tot', learning: 'tot', yearAverages: five })).toBe('gioi');
	});

	it('gives no award unless both conduct and learning are Tốt', () => {
		expect(award({ conduct: 'kha', learning: 'tot', yearAverages: nine })).toBeNull();
		expect(award({ conduct: 'tot', learning: 'kha', yearAverages: nine })).toBeNull();
		expect(() => award({ conduct: 'tot', learning: 'tot', yearAverages: [9, 95] })).toThrow(
			/^yearAverages\[1\]/
		);
	});
});

describe('Circular 22, Arts. 12-14: promotion', () => {
	const ok = { conduct: 'kha' as const, learning: 'dat' as const };

	it('promotes with 45 absent sessions and holds back with 46, excused or not', () => {
		expect(yearEndDecision({ ...ok, absences: { excused: 30, unexcused: 15 } })).toBe('promoted');
		expect(yearEndDecision({ ...ok, absences: { excused: 46, unexcused: 0 } })).toBe('repeat');
		expect(yearEndDecision({ ...ok, absences: { excused: 0, unexcused: 46 } })).toBe('repeat');
		expect(yearEndDecision({ ...ok, absences: { excused: 23, unexcused: 23 } })).toBe('repeat');
		expect(() => countedAbsences({ excused: -1, unexcused: 0 })).toThrow(/^absences.excused/);
	});

	it('sends conduct Chưa đạt to summer training and learning Chưa đạt to re-tests', () => {
		const none = { excused: 0, unexcused: 0 };
		expect(yearEndDecision({ conduct: 'chua_dat', learning: 'kha', absences: none })).toBe(
			'summer_conduct_training'
		);
		expect(yearEndDecision({ conduct: 'dat', learning: 'chua_dat', absences: none })).toBe(
			'summer_retest'
		);
		const both = { conduct: 'chua_dat' as const, learning: 'chua_dat' as const, absences: none };
		expect(yearEndDecision(both)).toBe('summer_conduct_training_and_retest');
		expect(yearEndDecision(both, { retestWithConductTraining: false })).toBe('repeat');
	});

	it('re-tests every scored subject under 5.0 and every comment subject Chưa đạt', () => {
		const subjects = thcs([6, 6, 6, 6, 6, 6, 4.5, 3.2], [true, false, true, true]);
		expect(retestSubjects(subjects)).toEqual([6, 7, 9]);
		expect(learningLevel(subjects)).toBe('chua_dat');
	});

	it('replaces the year result with the re-test and recomputes level and promotion', () => {
		const subjects = thcs([6, 6, 6, 6, 6, 6, 4.5, 3.2]);
		const retests = [
			{ index: 6, average: 4 },
			{ index: 7, average: 5 }
		];
		const after = applyRetests(subjects, retests);
		expect(after.subjects[6]).toEqual({ scored: true, average: 4 });
		expect(after.level.level).toBe('dat');
		const absences = { excused: 2, unexcused: 0 };
		expect(summerDecision({ conduct: 'kha', subjects, retests, absences })).toEqual({
			decision: 'promoted',
			conduct: 'kha',
			learning: 'dat'
		});
		const failed = [{ index: 7, average: 3.4 }];
		expect(summerDecision({ conduct: 'kha', subjects, retests: failed, absences }).decision).toBe(
			'repeat'
		);
	});

	it('uses the conduct re-assessed after summer training', () => {
		const subjects = thcs([7, 7, 7, 7, 7, 7, 7, 7]);
		const absences = { excused: 0, unexcused: 0 };
		const trained = { conduct: 'chua_dat' as const, subjects, absences };
		expect(summerDecision({ ...trained, conductAfterTraining: 'dat' }).decision).toBe('promoted');
		expect(summerDecision(trained).decision).toBe('repeat');
	});

	it('rejects a re-test of a subject that was not failed, naming it', () => {
		const subjects = thcs([6, 6, 6, 6, 6, 6, 4.5, 3.2]);
		expect(() => applyRetests(subjects, [{ index: 0, average: 9 }])).toThrow(/^retests\[0\].index/);
		expect(() => applyRetests(subjects, [{ index: 6, passed: true }])).toThrow(
			/^retests\[0\] must give/
		);
		expect(() => applyRetests(subjects, [{ index: 6, average: 5.55 }])).toThrow(
			/^retests\[0\].average/
		);
	});
});
