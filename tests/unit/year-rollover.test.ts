import { describe, expect, it } from 'vitest';
import {
	planSignature,
	pupilsToMove,
	rolloverMove,
	targetsNeeded,
	type PromotionRecord
} from '../../src/lib/grades/rollover';
import { rolloverCommitSchema, rolloverTargetsSchema } from '../../src/lib/schemas/rollover';

const THCS = [6, 7, 8, 9];
const TH_THCS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const TH = [1, 2, 3, 4, 5];
const secondary = (
	decision: Extract<PromotionRecord, { kind: 'secondary' }>['decision'],
	finalDecision: 'promoted' | 'repeat' | null = null
): PromotionRecord => ({ kind: 'secondary', decision, finalDecision });

describe('the move of a pupil from the promotion list', () => {
	it('promotes a promoted pupil into the next grade and keeps a repeater in the grade', () => {
		expect(rolloverMove(secondary('promoted'), 8, THCS)).toEqual({ move: 'promote', reason: null });
		expect(rolloverMove(secondary('repeat'), 8, THCS)).toEqual({ move: 'repeat', reason: null });
	});

	it('leaves a pupil in summer re-tests or conduct training undecided', () => {
		expect(rolloverMove(secondary('summer_retest'), 7, THCS)).toEqual({
			move: 'undecided',
			reason: 'summer_retest'
		});
		expect(rolloverMove(secondary('summer_conduct_training'), 7, THCS).reason).toBe(
			'summer_conduct_training'
		);
		expect(rolloverMove(secondary('summer_conduct_training_and_retest'), 7, THCS).move).toBe(
			'undecided'
		);
	});

	it('follows the decision after the summer once it is recorded', () => {
		expect(rolloverMove(secondary('summer_retest', 'promoted'), 7, THCS).move).toBe('promote');
		expect(rolloverMove(secondary('summer_retest', 'repeat'), 7, THCS).move).toBe('repeat');
	});

	it('leaves a pupil without a year result undecided, never promoted', () => {
		expect(rolloverMove(null, 7, THCS)).toEqual({ move: 'undecided', reason: 'no_result' });
		expect(rolloverMove(secondary(null), 7, THCS).reason).toBe('no_result');
		expect(rolloverMove({ kind: 'primary', result: null }, 3, TH).reason).toBe('no_result');
	});

	it('graduates the last grade of the school, but repeaters of it stay', () => {
		expect(rolloverMove(secondary('promoted'), 9, THCS).move).toBe('graduate');
		expect(rolloverMove(secondary('repeat'), 9, THCS).move).toBe('repeat');
		expect(rolloverMove(secondary('promoted'), 12, [10, 11, 12]).move).toBe('graduate');
		expect(rolloverMove({ kind: 'primary', result: 'tot' }, 5, TH).move).toBe('graduate');
	});

	it('keeps grade 5 of a TH&THCS school in the school (grade 6 is taught there)', () => {
		expect(rolloverMove({ kind: 'primary', result: 'hoan_thanh' }, 5, TH_THCS).move).toBe(
			'promote'
		);
	});

	it('leaves a primary pupil with Chưa hoàn thành to the principal (Circular 27, Art. 11)', () => {
		expect(rolloverMove({ kind: 'primary', result: 'chua_hoan_thanh' }, 2, TH)).toEqual({
			move: 'undecided',
			reason: 'principal_decides'
		});
		expect(rolloverMove({ kind: 'primary', result: 'xuat_sac' }, 2, TH).move).toBe('promote');
	});

	it('refuses a grade outside 1-12 and an unknown decision', () => {
		expect(() => rolloverMove(null, 13, THCS)).toThrow(/grade/);
		expect(() => rolloverMove(null, 0, THCS)).toThrow(RangeError);
		expect(() => rolloverMove(secondary('lên lớp' as never), 7, THCS)).toThrow(/decision/);
	});
});

describe('the plan of a class', () => {
	const pupils = [
		{ id: 3, move: 'promote' as const, alreadyMoved: false },
		{ id: 1, move: 'repeat' as const, alreadyMoved: true },
		{ id: 2, move: 'undecided' as const, alreadyMoved: false },
		{ id: 4, move: 'graduate' as const, alreadyMoved: false }
	];

	it('moves only decided pupils not yet moved', () => {
		expect(pupilsToMove(pupils).map((p) => p.id)).toEqual([3, 4]);
	});

	it('needs a target only for the moves that remain', () => {
		expect(targetsNeeded(pupils)).toEqual({ promote: true, repeat: false });
		expect(targetsNeeded(pupils.map((p) => ({ ...p, alreadyMoved: true })))).toEqual({
			promote: false,
			repeat: false
		});
	});

	it('signs the plan whatever the order, and differently once a pupil moved', () => {
		const signed = planSignature(pupils);
		expect(planSignature([...pupils].reverse())).toBe(signed);
		expect(
			planSignature(pupils.map((p) => (p.id === 3 ? { ...p, alreadyMoved: true } : p)))
		).not.toBe(signed);
	});
});

describe('the rollover form', () => {
	it('reads an empty select as no choice and trims a new name', () => {
		expect(
			rolloverTargetsSchema.parse({
				promoteTo: '',
				promoteNew: '  9A  ',
				repeatTo: '5',
				repeatNew: ''
			})
		).toEqual({ promoteTo: null, promoteNew: '9A', repeatTo: 5, repeatNew: null });
	});

	it('refuses hostile values', () => {
		const bad = [
			{ promoteTo: '99999999999' },
			{ promoteTo: '-1' },
			{ promoteNew: 'A\u0000B' },
			{ promoteNew: 'x'.repeat(100_000) },
			{ repeatNew: '9\u0007A' }
		];
		for (const b of bad) expect(rolloverTargetsSchema.safeParse(b).success).toBe(false);
		expect(
			rolloverCommitSchema.safeParse({ classId: '1', signature: 'x'.repeat(65) }).success
		).toBe(false);
		expect(rolloverCommitSchema.safeParse({ classId: '1', signature: 'abc' }).success).toBe(true);
	});
});
