/**
 * Circular 22, Arts. 12-14: promotion (or completion of THCS / THPT), summer conduct training, summer
 * re-tests and repeating the grade, over year results computed by secondary.ts.
 *
 * Setting `retestWithConductTraining` (UNCERTAIN, grading.md §6): Art. 14 offers re-tests to pupils
 * whose year conduct is Đạt or above. For a pupil with both conduct and learning Chưa đạt, true (the
 * default) runs the summer conduct training and the re-tests in the same summer, the re-tests counting
 * once the training is re-assessed Đạt or above (MOET's published answers on Arts. 13-14 read this
 * way); false allows no re-test, so the pupil repeats the grade.
 */
import { scoreTenths } from './scores';
import {
	DEFAULT_LEVEL_SETTINGS,
	LEVELS,
	assertLevel,
	learningLevelDetail,
	type Level,
	type LevelDetail,
	type LevelSettings,
	type SubjectResult
} from './secondary';

/** Circular 22, Art. 12(1)(c): at most 45 sessions absent in the year, excused or not. */
export const MAX_ABSENT_SESSIONS = 45;

export interface PromotionSettings {
	retestWithConductTraining: boolean;
}
export const DEFAULT_PROMOTION_SETTINGS: PromotionSettings = { retestWithConductTraining: true };

export type YearEndDecision =
	| 'promoted'
	| 'summer_retest'
	| 'summer_conduct_training'
	| 'summer_conduct_training_and_retest'
	| 'repeat';

export interface Absences {
	/** Sessions (buổi) absent with permission. */
	excused: number;
	/** Sessions absent without permission. */
	unexcused: number;
}

/**
 * Absent sessions that count for Art. 12(1)(c): excused and unexcused, continuous or not, one session
 * per school day of the education plan (the caller counts sessions on school days only).
 */
export function countedAbsences(absences: Absences): number {
	for (const key of ['excused', 'unexcused'] as const) {
		const value = absences?.[key];
		if (!Number.isInteger(value) || value < 0) {
			throw new RangeError(`absences.${key} must be a non-negative integer`);
		}
	}
	return absences.excused + absences.unexcused;
}

const atLeastDat = (level: Level) => LEVELS.indexOf(level) >= LEVELS.indexOf('dat');

/**
 * The decision at the end of the school year, before the summer. Art. 12: promoted with conduct and
 * learning Đạt or above and at most 45 absent sessions; more than 45 repeats (no summer process
 * changes absences). Art. 13: conduct Chưa đạt trains in the summer. Art. 14: conduct Đạt or above and
 * learning Chưa đạt re-takes the failed subjects.
 */
export function yearEndDecision(
	y: { conduct: Level; learning: Level; absences: Absences },
	settings: PromotionSettings = DEFAULT_PROMOTION_SETTINGS
): YearEndDecision {
	const conductOk = atLeastDat(assertLevel(y.conduct, 'conduct'));
	const learningOk = atLeastDat(assertLevel(y.learning, 'learning'));
	if (countedAbsences(y.absences) > MAX_ABSENT_SESSIONS) return 'repeat';
	if (conductOk && learningOk) return 'promoted';
	if (conductOk) return 'summer_retest';
	if (learningOk) return 'summer_conduct_training';
	return settings.retestWithConductTraining ? 'summer_conduct_training_and_retest' : 'repeat';
}

/**
 * Circular 22, Art. 14: the subjects to re-take, by index: every comment subject Chưa đạt and every
 * scored subject with ĐTBmcn below 5.0.
 */
export function retestSubjects(subjects: SubjectResult[]): number[] {
	return subjects.flatMap((subject, i) => {
		const failed = subject.scored
			? scoreTenths(subject.average, `subjects[${i}].average`) < 50
			: !subject.passed;
		return failed ? [i] : [];
	});
}

export type Retest = { index: number; average: number } | { index: number; passed: boolean };

/**
 * Circular 22, Art. 14: each re-test result replaces that subject's year result, even when lower,
 * and the year learning level is recomputed from the replaced results.
 */
export function applyRetests(
	subjects: SubjectResult[],
	retests: Retest[],
	settings: LevelSettings = DEFAULT_LEVEL_SETTINGS
): { subjects: SubjectResult[]; level: LevelDetail } {
	if (!Array.isArray(retests)) throw new RangeError('retests must be a list');
	const eligible = new Set(retestSubjects(subjects));
	const replaced = [...subjects];
	const seen = new Set<number>();
	retests.forEach((retest, r) => {
		const subject = subjects[retest.index];
		if (!eligible.has(retest.index) || seen.has(retest.index)) {
			throw new RangeError(`retests[${r}].index must name a subject due for re-test, once`);
		}
		seen.add(retest.index);
		if (subject.scored && 'average' in retest) {
			scoreTenths(retest.average, `retests[${r}].average`);
			replaced[retest.index] = { scored: true, average: retest.average };
		} else if (!subject.scored && 'passed' in retest && typeof retest.passed === 'boolean') {
			replaced[retest.index] = { scored: false, passed: retest.passed };
		} else {
			throw new RangeError(
				`retests[${r}] must give ${subject.scored ? 'an average' : 'passed'} for this subject`
			);
		}
	});
	return { subjects: replaced, level: learningLevelDetail(replaced, settings) };
}

/**
 * The decision after the summer (Arts. 12-14): conduct re-assessed after summer training (Art. 13(3))
 * replaces the year conduct; re-tests replace subjects' year results and the level is recomputed.
 * Pupils still short of the Art. 12 conditions repeat the grade.
 */
export function summerDecision(
	y: {
		conduct: Level;
		conductAfterTraining?: Level;
		subjects: SubjectResult[];
		retests?: Retest[];
		absences: Absences;
	},
	settings: Partial<PromotionSettings & LevelSettings> = {}
): { decision: 'promoted' | 'repeat'; conduct: Level; learning: Level } {
	const promotion = { ...DEFAULT_PROMOTION_SETTINGS, ...settings };
	const levels = { ...DEFAULT_LEVEL_SETTINGS, ...settings };
	const yearConduct = assertLevel(y.conduct, 'conduct');
	const conduct =
		y.conductAfterTraining === undefined
			? yearConduct
			: assertLevel(y.conductAfterTraining, 'conductAfterTraining');
	if (!atLeastDat(yearConduct) && !promotion.retestWithConductTraining && y.retests?.length) {
		throw new RangeError('retests are not allowed when the year conduct is Chưa đạt');
	}
	const learning = applyRetests(y.subjects, y.retests ?? [], levels).level.level;
	const ok =
		countedAbsences(y.absences) <= MAX_ABSENT_SESSIONS &&
		atLeastDat(conduct) &&
		atLeastDat(learning);
	return { decision: ok ? 'promoted' : 'repeat', conduct, learning };
}
