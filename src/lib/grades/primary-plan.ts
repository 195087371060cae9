/**
 * Circular 27/2020 glue between the calendar's checkpoints and the pure rules of primary.ts: the
 * checkpoint names, and the stored year result with its missing inputs. Relative imports only.
 */
import {
	periodicTests,
	QUALITY_ITEMS,
	yearResult,
	type Checkpoint as PrimaryCheckpoint,
	type PrimaryResult,
	type QualityItem,
	type QualityLevel,
	type SubjectLevel
} from './primary';
import type { GradeTests } from './primary-tests';

/** The checkpoint names of the school's calendar, locks and publication (checkpoints.ts). */
export type CalendarCheckpoint = 'mid1' | 'end1' | 'mid2' | 'year';

const TO_PRIMARY: Record<CalendarCheckpoint, PrimaryCheckpoint> = {
	mid1: 'mid_1',
	end1: 'end_1',
	mid2: 'mid_2',
	year: 'end_year'
};

/** The calendar's checkpoint name as primary.ts names it. */
export function primaryCheckpointOf(checkpoint: CalendarCheckpoint): PrimaryCheckpoint {
	const c = TO_PRIMARY[checkpoint];
	if (!c) throw new RangeError('checkpoint must be one of mid1, end1, mid2, year');
	return c;
}

export interface YearSubjectInput {
	code: string;
	level: SubjectLevel | null;
	testScore: number | null;
}

/**
 * The stored year result of a pupil (Art. 9(2), through `yearResult`): null while an input is
 * missing (a subject without a level, a year test not entered, a quality or competence not rated),
 * with the number of missing inputs. `subjects` are the subjects the grade studies.
 */
export function yearResultOf(
	grade: number,
	subjects: YearSubjectInput[],
	qualities: Partial<Record<QualityItem, QualityLevel | null>>,
	settings: { scienceTested: boolean } = { scienceTested: true },
	plan?: GradeTests
): { result: PrimaryResult | null; missing: number } {
	const tested = new Set(periodicTests(grade, 'end_year', settings, plan));
	let missing = 0;
	const finalTests: number[] = [];
	for (const s of subjects) {
		if (s.level === null) missing++;
		if (!tested.has(s.code)) continue;
		if (s.testScore === null) missing++;
		else finalTests.push(s.testScore);
	}
	const levels = QUALITY_ITEMS.map((item) => qualities[item] ?? null);
	missing += levels.filter((l) => l === null).length;
	if (missing > 0 || subjects.length === 0) return { result: null, missing };
	return {
		result: yearResult({
			subjects: subjects.map((s) => s.level as SubjectLevel),
			qualities: levels as QualityLevel[],
			finalTests
		}),
		missing: 0
	};
}
