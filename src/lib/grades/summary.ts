/**
 * A pupil's year in one place (the homeroom teacher's class summary, Circular 22 Arts. 8-15): the
 * learning level of each semester and of the year, conduct, absences, the year-end decision, the
 * decision after the summer (re-tests, conduct training) and the award, from the stored semester
 * results of every subject of the class. Nothing is computed from an incomplete input: a level is null
 * until every subject of that period has its result, a decision null until both levels exist.
 *
 * Choices made here (documented in DEVELOPERS.md, not settled by the circular):
 * - A subject exempt in a semester is left out of that semester's level; exempt in both, out of the
 *   year; exempt in one semester only, its year result is the other semester's result.
 * - Awards (Art. 15) are computed from the year results before any summer process: a pupil with a
 *   re-test or conduct training has learning or conduct below Tốt and so no award anyway.
 */
import { commentYearResult } from './gradebook';
import {
	DEFAULT_PROMOTION_SETTINGS,
	countedAbsences,
	retestSubjects,
	summerDecision,
	yearEndDecision,
	type Absences,
	type PromotionSettings,
	type Retest,
	type YearEndDecision
} from './promotion';
import {
	DEFAULT_AVERAGE_SETTINGS,
	DEFAULT_LEVEL_SETTINGS,
	award,
	learningLevelDetail,
	yearAverage,
	yearConduct,
	type AverageSettings,
	type Level,
	type LevelSettings,
	type SubjectResult
} from './secondary';

export type SemesterResult =
	| { status: 'ok'; average: number | null; passed: boolean | null }
	| { status: 'incomplete' }
	| { status: 'exempt' };

export interface SubjectYear {
	assessment: 'score' | 'comment';
	/** null: no result stored yet (nothing entered) */
	semester1: SemesterResult | null;
	semester2: SemesterResult | null;
	/** the summer re-test's result (Art. 14), when one was entered */
	retest?: { average: number } | { passed: boolean } | null;
}

export interface PupilYearInput {
	subjects: SubjectYear[];
	conduct: { semester1: Level | null; semester2: Level | null; afterTraining: Level | null };
	absences: Absences;
}

export type YearSubjectResult = SubjectResult | 'exempt' | null;
export type FinalDecision = 'promoted' | 'repeat';

export interface PupilYearSummary {
	learning1: Level | null;
	learning2: Level | null;
	/** each subject's year result (ĐTBmcn or Đạt/Chưa đạt), before any re-test */
	yearResults: YearSubjectResult[];
	learningYear: Level | null;
	/** index of the subject that triggered the Art. 9 one-subject adjustment of the year level */
	adjustedFor: number | null;
	conductYear: Level | null;
	absences: number;
	decision: YearEndDecision | null;
	/** indices of the subjects to re-take (Art. 14) when the decision includes re-tests */
	retests: number[];
	/** after the summer: the level and conduct that count, and the decision, once every input exists */
	learningFinal: Level | null;
	conductFinal: Level | null;
	finalDecision: FinalDecision | null;
	award: 'xuat_sac' | 'gioi' | null;
}

export type SummarySettings = AverageSettings & LevelSettings & PromotionSettings;
export const DEFAULT_SUMMARY_SETTINGS: SummarySettings = {
	...DEFAULT_AVERAGE_SETTINGS,
	...DEFAULT_LEVEL_SETTINGS,
	...DEFAULT_PROMOTION_SETTINGS
};

function asSubject(assessment: 'score' | 'comment', r: SemesterResult | null): YearSubjectResult {
	if (!r || r.status === 'incomplete') return null;
	if (r.status === 'exempt') return 'exempt';
	if (assessment === 'score') {
		if (typeof r.average !== 'number') throw new RangeError('a scored result needs an average');
		return { scored: true, average: r.average };
	}
	if (typeof r.passed !== 'boolean') throw new RangeError('a comment result needs passed');
	return { scored: false, passed: r.passed };
}

/** Circular 22, Art. 9(1): a subject's year result from its two semester results. */
export function subjectYearResult(
	s: SubjectYear,
	settings: AverageSettings = DEFAULT_AVERAGE_SETTINGS
): YearSubjectResult {
	const one = asSubject(s.assessment, s.semester1);
	const two = asSubject(s.assessment, s.semester2);
	if (one === null || two === null) return null;
	if (one === 'exempt' && two === 'exempt') return 'exempt';
	if (one === 'exempt') return two;
	if (two === 'exempt') return one;
	if (one.scored && two.scored) {
		return { scored: true, average: yearAverage(one.average, two.average, settings) };
	}
	if (!one.scored && !two.scored) {
		return { scored: false, passed: commentYearResult(one.passed, two.passed) };
	}
	throw new RangeError('a subject is either scored or commented in both semesters');
}

/** The level of a period once every subject has its result; exempt subjects left out. */
export function periodLevel(
	results: YearSubjectResult[],
	settings: LevelSettings = DEFAULT_LEVEL_SETTINGS
): { level: Level; adjustedFor: number | null } | null {
	if (!results.length || results.some((r) => r === null)) return null;
	const indices = results.flatMap((r, i) => (r === 'exempt' ? [] : [i]));
	if (!indices.length) return null;
	const detail = learningLevelDetail(
		indices.map((i) => results[i] as SubjectResult),
		settings
	);
	return {
		level: detail.level,
		adjustedFor: detail.adjustedFor === null ? null : indices[detail.adjustedFor]
	};
}

function retestOf(s: SubjectYear, index: number, position: number): Retest | null {
	const r = s.retest;
	if (!r) return null;
	if ('average' in r) return { index: position, average: r.average };
	if ('passed' in r) return { index: position, passed: r.passed };
	throw new RangeError(`subjects[${index}].retest must give an average or passed`);
}

/** After the summer (Arts. 13-14): null until every required re-test and re-assessment exists. */
function afterSummer(
	input: PupilYearInput,
	decision: YearEndDecision,
	counted: { indices: number[]; results: SubjectResult[] },
	conductYear: Level,
	learningYear: Level,
	settings: SummarySettings
): Pick<PupilYearSummary, 'learningFinal' | 'conductFinal' | 'finalDecision'> {
	if (decision === 'promoted' || decision === 'repeat') {
		return { learningFinal: learningYear, conductFinal: conductYear, finalDecision: decision };
	}
	const pending = { learningFinal: null, conductFinal: null, finalDecision: null };
	const training = decision !== 'summer_retest';
	const retesting = decision !== 'summer_conduct_training';
	if (training && input.conduct.afterTraining === null) return pending;
	const due = retesting ? retestSubjects(counted.results) : [];
	const retests: Retest[] = [];
	for (const position of due) {
		const index = counted.indices[position];
		const retest = retestOf(input.subjects[index], index, position);
		if (!retest) return pending;
		retests.push(retest);
	}
	const after = summerDecision(
		{
			conduct: conductYear,
			conductAfterTraining: training ? input.conduct.afterTraining! : undefined,
			subjects: counted.results,
			retests,
			absences: input.absences
		},
		settings
	);
	return {
		learningFinal: after.learning,
		conductFinal: after.conduct,
		finalDecision: after.decision
	};
}

/** The whole year of one pupil (see the module header). */
export function pupilYearSummary(
	input: PupilYearInput,
	settings: SummarySettings = DEFAULT_SUMMARY_SETTINGS
): PupilYearSummary {
	if (!Array.isArray(input?.subjects)) throw new RangeError('subjects must be a list');
	const absences = countedAbsences(input.absences);
	const sem = (n: 1 | 2) =>
		periodLevel(
			input.subjects.map((s) => asSubject(s.assessment, n === 1 ? s.semester1 : s.semester2)),
			settings
		)?.level ?? null;
	const yearResults = input.subjects.map((s) => subjectYearResult(s, settings));
	const year = periodLevel(yearResults, settings);
	const { semester1, semester2 } = input.conduct;
	const conductYear = semester1 && semester2 ? yearConduct(semester1, semester2) : null;
	const base = {
		learning1: sem(1),
		learning2: sem(2),
		yearResults,
		learningYear: year?.level ?? null,
		adjustedFor: year?.adjustedFor ?? null,
		conductYear,
		absences
	};
	if (!year || !conductYear) {
		return {
			...base,
			decision: null,
			retests: [],
			learningFinal: null,
			conductFinal: null,
			finalDecision: null,
			award: null
		};
	}
	const decision = yearEndDecision(
		{ conduct: conductYear, learning: year.level, absences: input.absences },
		settings
	);
	const indices = yearResults.flatMap((r, i) => (r === 'exempt' ? [] : [i]));
	const results = indices.map((i) => yearResults[i] as SubjectResult);
	const retesting =
		decision === 'summer_retest' || decision === 'summer_conduct_training_and_retest';
	return {
		...base,
		decision,
		retests: retesting ? retestSubjects(results).map((p) => indices[p]) : [],
		...afterSummer(input, decision, { indices, results }, conductYear, year.level, settings),
		award: award({
			conduct: conductYear,
			learning: year.level,
			yearAverages: results.flatMap((r) => (r.scored ? [r.average] : []))
		})
	};
}
