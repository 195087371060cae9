/**
 * Circular 22/2021/TT-BGDĐT (THCS and THPT): subject averages, the learning level, year conduct and
 * awards, as pure functions over complete inputs. Missing, exempt or make-up-pending scores are settled
 * before these run (see gradebook.ts); the plan's number of regular scores is in plan.ts; promotion and
 * summer re-tests are in promotion.ts. Arithmetic is exact: scores are integer tenths (decimal.ts).
 *
 * Settings (an optional last argument; the defaults are the readings recommended in
 * shared/domain/grading.md):
 * - `rounding` ('half_up' by default, or 'half_even'): the circular says only "làm tròn"; half up
 *   (8.25 -> 8.3) is the Vietnamese school convention and what grading software does.
 * - `adjustment` ('one_step_up' by default, or 'one_below_deserved'): Art. 9's one-subject adjustment
 *   raises the level "to the adjacent level". Read as one step above the computed level, as the
 *   predecessor TT58 tabulated it (Giỏi computed as Yếu -> TB). The readings differ only for a
 *   would-be-Tốt pupil computed as Chưa đạt (Đạt by default, Khá under the other reading). UNCERTAIN.
 * The year average is computed from the rounded semester averages, as printed in the gradebook
 * (UNCERTAIN: yearAverageFromScores in gradebook.ts offers the unrounded reading as a setting).
 */
import { divideRounded, fromTenths, type Rounding } from './decimal';
import { scoreTenths } from './scores';

export type Level = 'tot' | 'kha' | 'dat' | 'chua_dat';
/** Lowest first, so a level's index is its rank. */
export const LEVELS: readonly Level[] = ['chua_dat', 'dat', 'kha', 'tot'];

export type Adjustment = 'one_step_up' | 'one_below_deserved';
export interface AverageSettings {
	rounding: Rounding;
}
export interface LevelSettings {
	adjustment: Adjustment;
}
export const DEFAULT_AVERAGE_SETTINGS: AverageSettings = { rounding: 'half_up' };
export const DEFAULT_LEVEL_SETTINGS: LevelSettings = { adjustment: 'one_step_up' };

export type SubjectResult = { scored: true; average: number } | { scored: false; passed: boolean };

export function isLevel(value: unknown): value is Level {
	return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function assertLevel(value: unknown, field: string): Level {
	if (!isLevel(value)) throw new RangeError(`${field} must be one of ${LEVELS.join(', ')}`);
	return value;
}

/** A semester average as an exact fraction of tenths, before rounding. */
export function semesterAverageFraction(s: { regular: number[]; midterm: number; final: number }): {
	numerator: number;
	denominator: number;
} {
	if (!Array.isArray(s.regular) || s.regular.length === 0) {
		throw new RangeError('regular must be a non-empty list of scores');
	}
	const regularTotal = s.regular.reduce(
		(sum, score, i) => sum + scoreTenths(score, `regular[${i}]`),
		0
	);
	const midterm = scoreTenths(s.midterm, 'midterm');
	const final = scoreTenths(s.final, 'final');
	return { numerator: regularTotal + 2 * midterm + 3 * final, denominator: s.regular.length + 5 };
}

/**
 * Circular 22, Art. 9(1)(b): ĐTBmhk = (TĐĐGtx + 2 x ĐĐGgk + 3 x ĐĐGck) / (số ĐĐGtx + 5), the regular
 * scores summed (not averaged first), rounded to one decimal. A tie needs an even denominator, so only
 * a subject with 3 regular scores (denominator 8) can land on x.x5.
 */
export function semesterAverage(
	s: { regular: number[]; midterm: number; final: number },
	settings: AverageSettings = DEFAULT_AVERAGE_SETTINGS
): number {
	const { numerator, denominator } = semesterAverageFraction(s);
	return fromTenths(divideRounded(numerator, denominator, settings.rounding));
}

/** Circular 22, Art. 9(1)(b): ĐTBmcn = (ĐTBmhkI + 2 x ĐTBmhkII) / 3, rounded to one decimal. */
export function yearAverage(
	semester1: number,
	semester2: number,
	settings: AverageSettings = DEFAULT_AVERAGE_SETTINGS
): number {
	const numerator = scoreTenths(semester1, 'semester1') + 2 * scoreTenths(semester2, 'semester2');
	return fromTenths(divideRounded(numerator, 3, settings.rounding));
}

interface Tally {
	commentFails: number;
	scored: number[];
}

function tally(subjects: SubjectResult[]): Tally {
	if (!Array.isArray(subjects) || subjects.length === 0) {
		throw new RangeError('subjects must be a non-empty list');
	}
	const result: Tally = { commentFails: 0, scored: [] };
	subjects.forEach((subject, i) => {
		if (subject?.scored === true) {
			result.scored.push(scoreTenths(subject.average, `subjects[${i}].average`));
		} else if (subject?.scored === false) {
			if (typeof subject.passed !== 'boolean') {
				throw new RangeError(`subjects[${i}].passed must be true or false`);
			}
			if (!subject.passed) result.commentFails += 1;
		} else {
			throw new RangeError(`subjects[${i}].scored must be true or false`);
		}
	});
	return result;
}

const countAtLeast = (t: Tally, tenths: number) => t.scored.filter((v) => v >= tenths).length;
const countBelow = (t: Tally, tenths: number) => t.scored.filter((v) => v < tenths).length;

/** Circular 22, Art. 9(2): the thresholds, checked per subject with "at least 6 subjects" counts. */
function computedLevel(t: Tally): Level {
	if (t.commentFails === 0 && countBelow(t, 65) === 0 && countAtLeast(t, 80) >= 6) return 'tot';
	if (t.commentFails === 0 && countBelow(t, 50) === 0 && countAtLeast(t, 65) >= 6) return 'kha';
	if (t.commentFails <= 1 && countAtLeast(t, 50) >= 6 && countBelow(t, 35) === 0) return 'dat';
	return 'chua_dat';
}

/**
 * The level of Art. 9(2)(a) Tốt or (b) Khá that the pupil would have had but for exactly one subject:
 * the "at least 6 subjects" count is met and exactly one subject (a comment Chưa đạt or a score under
 * the level's floor) breaks the "every subject" condition.
 */
function deservedLevel(t: Tally): { level: Level; floor: number } | null {
	const rules = [
		{ level: 'tot' as const, floor: 65, countFrom: 80 },
		{ level: 'kha' as const, floor: 50, countFrom: 65 }
	];
	for (const rule of rules) {
		const offenders = t.commentFails + countBelow(t, rule.floor);
		if (offenders === 1 && countAtLeast(t, rule.countFrom) >= 6) return rule;
	}
	return null;
}

export interface LevelDetail {
	level: Level;
	/** The level from the Art. 9(2) thresholds alone. */
	computed: Level;
	/** The index of the one subject that triggered the Art. 9 adjustment, or null. */
	adjustedFor: number | null;
}

export function learningLevelDetail(
	subjects: SubjectResult[],
	settings: LevelSettings = DEFAULT_LEVEL_SETTINGS
): LevelDetail {
	const t = tally(subjects);
	const computed = computedLevel(t);
	const deserved = deservedLevel(t);
	const rank = LEVELS.indexOf(computed);
	if (!deserved || LEVELS.indexOf(deserved.level) - rank < 2) {
		return { level: computed, computed, adjustedFor: null };
	}
	// Circular 22, Art. 9(3): a fall of two or more levels caused by exactly one subject is raised to
	// the adjacent level.
	const level =
		settings.adjustment === 'one_below_deserved'
			? LEVELS[LEVELS.indexOf(deserved.level) - 1]
			: LEVELS[rank + 1];
	const adjustedFor = subjects.findIndex((subject) =>
		subject.scored ? scoreTenths(subject.average, 'average') < deserved.floor : !subject.passed
	);
	return { level, computed, adjustedFor };
}

/** Circular 22, Art. 9(2)-(3): the learning level of a semester (ĐTBmhk) or a year (ĐTBmcn). */
export function learningLevel(
	subjects: SubjectResult[],
	settings: LevelSettings = DEFAULT_LEVEL_SETTINGS
): Level {
	return learningLevelDetail(subjects, settings).level;
}

/**
 * Circular 22, Art. 8(2)(b): year conduct from the two semesters, indexed [semester 2][semester 1].
 * Tốt: HK II Tốt, HK I Khá or above. Khá: HK II Khá, HK I Đạt or above; HK II Đạt, HK I Tốt; HK II Tốt,
 * HK I Đạt or Chưa đạt. Đạt: HK II Đạt, HK I Khá, Đạt or Chưa đạt; HK II Khá, HK I Chưa đạt.
 * Chưa đạt: every other case (HK II Chưa đạt).
 */
const YEAR_CONDUCT: Record<Level, Record<Level, Level>> = {
	tot: { tot: 'tot', kha: 'tot', dat: 'kha', chua_dat: 'kha' },
	kha: { tot: 'kha', kha: 'kha', dat: 'kha', chua_dat: 'dat' },
	dat: { tot: 'kha', kha: 'dat', dat: 'dat', chua_dat: 'dat' },
	chua_dat: { tot: 'chua_dat', kha: 'chua_dat', dat: 'chua_dat', chua_dat: 'chua_dat' }
};

export function yearConduct(semester1: Level, semester2: Level): Level {
	return YEAR_CONDUCT[assertLevel(semester2, 'semester2')][assertLevel(semester1, 'semester1')];
}

/**
 * Circular 22, Art. 15: "Học sinh Xuất sắc" needs year conduct Tốt, year learning Tốt and at least 6
 * scored subjects with ĐTBmcn >= 9.0; "Học sinh Giỏi" needs year conduct Tốt and year learning Tốt.
 * `yearAverages` are the ĐTBmcn of the scored subjects (after any summer re-test).
 */
export function award(a: {
	conduct: Level;
	learning: Level;
	yearAverages: number[];
}): 'xuat_sac' | 'gioi' | null {
	const conduct = assertLevel(a.conduct, 'conduct');
	const learning = assertLevel(a.learning, 'learning');
	if (!Array.isArray(a.yearAverages)) throw new RangeError('yearAverages must be a list of scores');
	const averages = a.yearAverages.map((v, i) => scoreTenths(v, `yearAverages[${i}]`));
	if (conduct !== 'tot' || learning !== 'tot') return null;
	return averages.filter((v) => v >= 90).length >= 6 ? 'xuat_sac' : 'gioi';
}
