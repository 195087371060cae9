/**
 * The year rollover (issue 11): what the promotion list says for each pupil of a finishing class.
 * Secondary (Circular 22, Arts. 12-14): the decision after the summer wins over the year-end one;
 * a pupil still in summer re-tests or conduct training is undecided and not moved until the homeroom
 * teacher records the result. Primary (Circular 27, Art. 11): any result but Chưa hoàn thành completes
 * the grade; Chưa hoàn thành is the principal's decision (lên lớp / ở lại lớp), undecided until
 * it is recorded. A pupil who completes
 * the school's last grade (5, 9 or 12 where the school teaches no next grade) leaves the school.
 * Pure: no database, relative imports only.
 */
import type { YearEndDecision } from './promotion';
import type { PrimaryResult } from './primary';

export type PromotionRecord =
	| {
			kind: 'secondary';
			decision: YearEndDecision | null;
			finalDecision: 'promoted' | 'repeat' | null;
	  }
	| {
			kind: 'primary';
			result: PrimaryResult | null;
			/** Art. 11: the principal's decision for a pupil at Chưa hoàn thành (0430) */
			principalDecision?: 'promote' | 'repeat' | null;
	  };

export type RolloverMove = 'promote' | 'repeat' | 'graduate' | 'undecided';

/** Why a pupil is not moved yet. */
export type UndecidedReason =
	'no_result' | 'summer_retest' | 'summer_conduct_training' | 'principal_decides';

export interface MoveOf {
	move: RolloverMove;
	reason: UndecidedReason | null;
}

const SECONDARY: Record<YearEndDecision, MoveOf> = {
	promoted: { move: 'promote', reason: null },
	repeat: { move: 'repeat', reason: null },
	summer_retest: { move: 'undecided', reason: 'summer_retest' },
	summer_conduct_training: { move: 'undecided', reason: 'summer_conduct_training' },
	summer_conduct_training_and_retest: { move: 'undecided', reason: 'summer_conduct_training' }
};

function decisionOf(record: PromotionRecord | null): MoveOf {
	if (!record) return { move: 'undecided', reason: 'no_result' };
	if (record.kind === 'primary') {
		if (record.result === null) return { move: 'undecided', reason: 'no_result' };
		if (record.result !== 'chua_hoan_thanh') return { move: 'promote', reason: null };
		return record.principalDecision
			? { move: record.principalDecision, reason: null }
			: { move: 'undecided', reason: 'principal_decides' };
	}
	if (record.finalDecision) return SECONDARY[record.finalDecision];
	if (!record.decision) return { move: 'undecided', reason: 'no_result' };
	const move = SECONDARY[record.decision];
	if (!move) throw new RangeError(`decision: ${String(record.decision)}`);
	return move;
}

/**
 * The move of one pupil of a class of `grade`, given the grades the school teaches: promoted into
 * `grade + 1`, or out of the school when it teaches no `grade + 1`; repeaters stay in `grade`.
 */
export function rolloverMove(
	record: PromotionRecord | null,
	grade: number,
	schoolGrades: readonly number[]
): MoveOf {
	if (!Number.isInteger(grade) || grade < 1 || grade > 12) throw new RangeError(`grade: ${grade}`);
	const decided = decisionOf(record);
	if (decided.move === 'promote' && !schoolGrades.includes(grade + 1))
		return { move: 'graduate', reason: null };
	return decided;
}

export interface RolloverPupil {
	id: number;
	move: RolloverMove;
	/** already enrolled in a class of the next year (a rollover ran for them): not moved again */
	alreadyMoved: boolean;
}

/** The pupils a commit moves: decided and not yet enrolled in the next year. */
export function pupilsToMove<T extends RolloverPupil>(pupils: T[]): T[] {
	return pupils.filter((p) => p.move !== 'undecided' && !p.alreadyMoved);
}

/**
 * Which targets a commit needs: a class of the next grade for promotions, of the same grade for
 * repeaters, unless every pupil of that side has a class of their own (`ownTarget`).
 */
export function targetsNeeded(
	pupils: RolloverPupil[],
	ownTarget: ReadonlySet<number> = new Set()
): { promote: boolean; repeat: boolean } {
	const moving = pupilsToMove(pupils).filter((p) => !ownTarget.has(p.id));
	return {
		promote: moving.some((p) => p.move === 'promote'),
		repeat: moving.some((p) => p.move === 'repeat')
	};
}

/** A stable text of the plan: the commit is refused when it differs from what the preview showed. */
export function planSignature(pupils: RolloverPupil[]): string {
	return [...pupils]
		.sort((a, b) => a.id - b.id)
		.map((p) => `${p.id}:${p.move}:${p.alreadyMoved ? 1 : 0}`)
		.join(',');
}

export type PupilTargetProblem =
	'rollover_pupil_not_moving' | 'rollover_pupil_target_wrong' | 'rollover_pupil_target_grade';

/**
 * Whether one pupil may go to a class of their own instead of their side's class: only a pupil
 * the commit moves (promoted or repeating, not yet moved), only to a class of the next year of the
 * school (`target` null when the class is not one of them), of the grade their move allows: the
 * next grade when promoted, the same grade when repeating.
 */
export function pupilTargetProblem(
	pupil: RolloverPupil,
	target: { grade: number } | null,
	sourceGrade: number
): PupilTargetProblem | null {
	if (pupil.alreadyMoved || (pupil.move !== 'promote' && pupil.move !== 'repeat'))
		return 'rollover_pupil_not_moving';
	if (!target) return 'rollover_pupil_target_wrong';
	const grade = pupil.move === 'promote' ? sourceGrade + 1 : sourceGrade;
	return target.grade === grade ? null : 'rollover_pupil_target_grade';
}
