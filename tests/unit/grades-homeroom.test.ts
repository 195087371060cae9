import { describe, expect, it } from 'vitest';
import {
	LEVELS,
	learningLevel,
	yearConduct,
	type Level,
	type SubjectResult
} from '../../src/lib/grades/secondary';
import {
	pupilYearSummary,
	subjectYearResult,
	type SubjectYear
} from '../../src/lib/grades/summary';
import { parseConductForm, parseRetestForm, parseRetestText } from '../../src/lib/schemas/homeroom';

/**
 * Circular 22, Art. 9(2)-(3) as a second, independent reading: the table row by row, and the
 * adjustment as "replace the one subject below the level's floor by the floor and the pupil gets the
 * level". Compared with learningLevel on every multiset of 8 scored averages drawn from the values on
 * both sides of each threshold, with 0, 1 or 2 of 4 comment subjects Chưa đạt (38,610 pupils).
 */
const BOUNDARY_VALUES = [3.4, 3.5, 4.9, 5.0, 6.4, 6.5, 7.9, 8.0, 10];

function tableLevel(scores: number[], commentFails: number): Level {
	const all = (min: number) => scores.every((s) => s >= min);
	const atLeast = (min: number) => scores.filter((s) => s >= min).length;
	if (commentFails === 0 && all(6.5) && atLeast(8.0) >= 6) return 'tot';
	if (commentFails === 0 && all(5.0) && atLeast(6.5) >= 6) return 'kha';
	if (commentFails <= 1 && atLeast(5.0) >= 6 && all(3.5)) return 'dat';
	return 'chua_dat';
}

function referenceLevel(scores: number[], commentFails: number): Level {
	const computed = tableLevel(scores, commentFails);
	const rank = (l: Level) => LEVELS.indexOf(l);
	for (const [would, floor] of [
		['tot', 6.5],
		['kha', 5.0]
	] as const) {
		const below = scores.filter((s) => s < floor).length;
		if (below + commentFails !== 1) continue;
		const fixed = commentFails ? [scores, 0] : [scores.map((s) => (s < floor ? floor : s)), 0];
		if (tableLevel(fixed[0] as number[], 0) !== would) continue;
		if (rank(would) - rank(computed) >= 2) return LEVELS[rank(computed) + 1];
		return computed;
	}
	return computed;
}

function* multisets(values: number[], size: number, from = 0): Generator<number[]> {
	if (size === 0) {
		yield [];
		return;
	}
	for (let i = from; i < values.length; i++)
		for (const rest of multisets(values, size - 1, i)) yield [values[i], ...rest];
}

const pupil = (scores: number[], commentFails: number): SubjectResult[] => [
	...scores.map((average) => ({ scored: true as const, average })),
	...[0, 1, 2, 3].map((i) => ({ scored: false as const, passed: i >= commentFails }))
];

describe('Circular 22, Art. 9: the learning level on every boundary combination', () => {
	it('agrees with the table and the one-subject adjustment read independently', () => {
		let cases = 0;
		const counts: Record<Level, number> = { tot: 0, kha: 0, dat: 0, chua_dat: 0 };
		const mismatches: string[] = [];
		let adjusted = 0;
		for (const scores of multisets(BOUNDARY_VALUES, 8)) {
			for (const fails of [0, 1, 2]) {
				cases++;
				const expected = referenceLevel(scores, fails);
				counts[expected]++;
				if (expected !== tableLevel(scores, fails)) adjusted++;
				const got = learningLevel(pupil(scores, fails));
				if (got !== expected && mismatches.length < 5)
					mismatches.push(`${scores.join(' ')} / ${fails} CĐ: ${got} != ${expected}`);
			}
		}
		expect(mismatches).toEqual([]);
		expect(cases).toBe(38_610);
		// every level is reached, so the comparison is not vacuous
		for (const level of LEVELS) expect(counts[level]).toBeGreaterThan(20);
		expect(adjusted).toBeGreaterThan(20);
	});

	it('gives each level exactly at its thresholds and one tenth below', () => {
		const eight = (...s: number[]) => pupil(s, 0);
		expect(learningLevel(eight(8, 8, 8, 8, 8, 8, 6.5, 6.5))).toBe('tot');
		expect(learningLevel(eight(8, 8, 8, 8, 8, 8, 6.5, 6.4))).toBe('kha'); // one subject: Tốt -> Khá, one level
		expect(learningLevel(eight(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 5))).toBe('kha');
		expect(learningLevel(eight(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 4.9))).toBe('dat');
		expect(learningLevel(eight(5, 5, 5, 5, 5, 5, 3.5, 3.5))).toBe('dat');
		expect(learningLevel(eight(5, 5, 5, 5, 5, 5, 3.5, 3.4))).toBe('chua_dat');
		expect(learningLevel(eight(5, 5, 5, 5, 5, 4.9, 4.9, 4.9))).toBe('chua_dat');
		// would be Tốt but for one subject at 3.4: computed Chưa đạt, raised one step to Đạt
		expect(learningLevel(eight(8, 8, 8, 8, 8, 8, 8, 3.4))).toBe('dat');
		// would be Khá but for one subject at 3.4: Chưa đạt -> Đạt
		expect(learningLevel(eight(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 3.4))).toBe('dat');
	});
});

describe('Circular 22, Art. 8(2): year conduct, all 16 pairs', () => {
	it('follows the table', () => {
		const table: Record<string, Level> = {
			'tot,tot': 'tot', 'kha,tot': 'tot', 'dat,tot': 'kha', 'chua_dat,tot': 'kha',
			'tot,kha': 'kha', 'kha,kha': 'kha', 'dat,kha': 'kha', 'chua_dat,kha': 'dat',
			'tot,dat': 'kha', 'kha,dat': 'dat', 'dat,dat': 'dat', 'chua_dat,dat': 'dat',
			'tot,chua_dat': 'chua_dat', 'kha,chua_dat': 'chua_dat', 'dat,chua_dat': 'chua_dat',
			'chua_dat,chua_dat': 'chua_dat'
		}; // prettier-ignore
		for (const [pair, level] of Object.entries(table)) {
			const [one, two] = pair.split(',') as [Level, Level];
			expect(yearConduct(one, two), pair).toBe(level);
		}
	});
});

const ok = (average: number) => ({ status: 'ok' as const, average, passed: null });
const pass = (passed: boolean) => ({ status: 'ok' as const, average: null, passed });
const scoredYear = (a: number, b = a, retest?: number): SubjectYear => ({
	assessment: 'score',
	semester1: ok(a),
	semester2: ok(b),
	retest: retest === undefined ? null : { average: retest }
});
const commentYear = (a: boolean, b = a, retest?: boolean): SubjectYear => ({
	assessment: 'comment',
	semester1: pass(a),
	semester2: pass(b),
	retest: retest === undefined ? null : { passed: retest }
});
const conduct = (one: Level | null, two: Level | null, afterTraining: Level | null = null) => ({
	semester1: one,
	semester2: two,
	afterTraining
});
const none = { excused: 0, unexcused: 0 };

describe('a pupil year summary (Arts. 8-15)', () => {
	it('computes no level while a subject is incomplete, and a year average from both semesters', () => {
		const s = pupilYearSummary({
			subjects: [
				{ assessment: 'score', semester1: ok(7), semester2: { status: 'incomplete' } },
				scoredYear(8)
			],
			conduct: conduct('tot', null),
			absences: none
		});
		expect(s.learning1).not.toBeNull();
		expect(s.learning2).toBeNull();
		expect(s.learningYear).toBeNull();
		expect(s.conductYear).toBeNull();
		expect(s.decision).toBeNull();
		expect(subjectYearResult(scoredYear(7.2, 8.3))).toEqual({ scored: true, average: 7.9 });
		expect(subjectYearResult(commentYear(false, true))).toEqual({ scored: false, passed: true });
	});

	it('leaves an exempt subject out and takes the other semester when exempt in one', () => {
		const exempt = { status: 'exempt' as const };
		expect(subjectYearResult({ assessment: 'comment', semester1: exempt, semester2: exempt })).toBe(
			'exempt'
		);
		expect(
			subjectYearResult({ assessment: 'comment', semester1: exempt, semester2: pass(true) })
		).toEqual({ scored: false, passed: true });
	});

	it('promotes a Tốt/Tốt pupil with six 9.0 averages as Học sinh Xuất sắc, five as Giỏi', () => {
		const base = [9, 9, 9, 9, 9, 8, 8, 8].map((a) => scoredYear(a));
		const input = (subjects: SubjectYear[]) => ({
			subjects: [...subjects, commentYear(true)],
			conduct: conduct('tot', 'tot'),
			absences: none
		});
		const five = pupilYearSummary(input(base));
		expect(five).toMatchObject({ learningYear: 'tot', decision: 'promoted', award: 'gioi' });
		expect(five.finalDecision).toBe('promoted');
		const six = pupilYearSummary(input([scoredYear(9), ...base.slice(1, 7), scoredYear(9)]));
		expect(six.award).toBe('xuat_sac');
		const conductKha = pupilYearSummary({ ...input(base), conduct: conduct('kha', 'kha') });
		expect(conductKha.award).toBeNull();
	});

	it('holds back with 46 absent sessions and promotes with 45', () => {
		const subjects = [7, 7, 7, 7, 7, 7, 7, 7].map((a) => scoredYear(a));
		const at = (excused: number) =>
			pupilYearSummary({
				subjects,
				conduct: conduct('kha', 'kha'),
				absences: { excused, unexcused: 1 }
			});
		expect(at(44)).toMatchObject({ decision: 'promoted', finalDecision: 'promoted', absences: 45 });
		expect(at(45)).toMatchObject({ decision: 'repeat', finalDecision: 'repeat', absences: 46 });
	});

	it('sends learning Chưa đạt to re-tests and recomputes level and decision from them', () => {
		const subjects = [
			...[6, 6, 6, 6, 6, 4.5, 4.5].map((a) => scoredYear(a)),
			scoredYear(3, 3),
			commentYear(false)
		];
		const before = pupilYearSummary({ subjects, conduct: conduct('kha', 'kha'), absences: none });
		expect(before.learningYear).toBe('chua_dat');
		expect(before.decision).toBe('summer_retest');
		expect(before.retests).toEqual([5, 6, 7, 8]);
		expect(before.finalDecision).toBeNull();
		// one re-test missing: still pending
		const partial = [...subjects];
		partial[5] = scoredYear(4.5, 4.5, 5);
		expect(
			pupilYearSummary({ subjects: partial, conduct: conduct('kha', 'kha'), absences: none })
				.finalDecision
		).toBeNull();
		const after = [
			...subjects.slice(0, 5),
			scoredYear(4.5, 4.5, 5),
			scoredYear(4.5, 4.5, 6),
			scoredYear(3, 3, 5.5),
			commentYear(false, false, true)
		];
		const done = pupilYearSummary({
			subjects: after,
			conduct: conduct('kha', 'kha'),
			absences: none
		});
		expect(done).toMatchObject({ learningFinal: 'dat', finalDecision: 'promoted', award: null });
		const failed = [...after];
		failed[7] = scoredYear(3, 3, 3.4);
		expect(
			pupilYearSummary({ subjects: failed, conduct: conduct('kha', 'kha'), absences: none })
		).toMatchObject({ learningFinal: 'chua_dat', finalDecision: 'repeat' });
	});

	it('sends conduct Chưa đạt to summer training and uses the re-assessment', () => {
		const subjects = [7, 7, 7, 7, 7, 7, 7, 7].map((a) => scoredYear(a));
		const pending = pupilYearSummary({
			subjects,
			conduct: conduct('dat', 'chua_dat'),
			absences: none
		});
		expect(pending).toMatchObject({
			conductYear: 'chua_dat',
			decision: 'summer_conduct_training',
			finalDecision: null
		});
		const trained = pupilYearSummary({
			subjects,
			conduct: conduct('dat', 'chua_dat', 'dat'),
			absences: none
		});
		expect(trained).toMatchObject({ conductFinal: 'dat', finalDecision: 'promoted' });
		const still = pupilYearSummary({
			subjects,
			conduct: conduct('dat', 'chua_dat', 'chua_dat'),
			absences: none
		});
		expect(still.finalDecision).toBe('repeat');
	});

	it('names the subject that triggered the one-subject adjustment', () => {
		const subjects = [8, 8, 8, 8, 8, 8, 8, 3.4].map((a) => scoredYear(a));
		const s = pupilYearSummary({ subjects, conduct: conduct('tot', 'tot'), absences: none });
		expect(s.learningYear).toBe('dat');
		expect(s.adjustedFor).toBe(7);
	});
});

describe('homeroom forms', () => {
	it('reads a conduct form and refuses hostile values', () => {
		expect(parseConductForm({ term: '1', l_5: 'tot', v_5: '0', l_6: '', v_6: '2' })).toEqual({
			term: '1',
			entries: [
				{ studentId: 5, level: 'tot', version: 0 },
				{ studentId: 6, level: null, version: 2 }
			]
		});
		expect(parseConductForm({ term: '1', l_5: 'tot\u0000', v_5: '0' })).toBeNull();
		expect(parseConductForm({ term: '1', l_5: 'x'.repeat(100_000), v_5: '0' })).toBeNull();
		expect(parseConductForm({ term: '1', l_5: 'tot', v_5: '1e309' })).toBeNull();
		expect(parseConductForm({ term: '3', l_5: 'tot', v_5: '0' })).toBeNull();
		expect(parseConductForm({ term: '1', l_5: 'tot' })).toBeNull();
		expect(parseConductForm({ term: '1', l_99999999999: 'tot', v_99999999999: '0' })).toBeNull();
	});

	it('reads re-test texts: a score or Đ/CĐ, never V or M', () => {
		expect(parseRetestForm({ r_5_7: '6,5', v_5_7: '0' })).toEqual([
			{ studentId: 5, subjectId: 7, text: '6,5', version: 0 }
		]);
		expect(parseRetestForm({ r_5_7: '6', v_5_7: '1e309' })).toBeNull();
		expect(parseRetestForm({ r_5_7: 'x'.repeat(100_000), v_5_7: '0' })).toBeNull();
		expect(parseRetestText('6,5', 'score')).toEqual({
			ok: true,
			retest: { value: 6.5, passed: null }
		});
		expect(parseRetestText('', 'score')).toEqual({ ok: true, retest: null });
		expect(parseRetestText('Đ', 'comment')).toEqual({
			ok: true,
			retest: { value: null, passed: true }
		});
		expect(parseRetestText('V', 'score')).toMatchObject({ ok: false });
		expect(parseRetestText('1e309', 'score')).toMatchObject({ ok: false });
		expect(parseRetestText('6,55', 'score')).toMatchObject({ ok: false });
		expect(parseRetestText('\u0000', 'score')).toMatchObject({ ok: false });
	});
});
