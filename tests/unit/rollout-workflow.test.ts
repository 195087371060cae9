import { describe, expect, it } from 'vitest';
import {
	availableActions,
	canReview,
	canSchoolEdit,
	nextChecklistStatus,
	platformTransitionProblem,
	reviewProblem,
	submissionProblems,
	type SubmissionItem
} from '../../src/lib/rollout/workflow';

describe('checklist workflow', () => {
	it('moves draft -> submitted -> returned -> submitted -> approved -> (recall) submitted', () => {
		expect(nextChecklistStatus('draft', 'submit')).toBe('submitted');
		expect(nextChecklistStatus('submitted', 'return')).toBe('returned');
		expect(nextChecklistStatus('returned', 'submit')).toBe('submitted');
		expect(nextChecklistStatus('submitted', 'approve')).toBe('approved');
		expect(nextChecklistStatus('approved', 'recall')).toBe('submitted');
		expect(nextChecklistStatus('submitted', 'withdraw')).toBe('draft');
	});

	it('refuses steps out of order', () => {
		expect(nextChecklistStatus('draft', 'approve')).toBeNull();
		expect(nextChecklistStatus('approved', 'submit')).toBeNull();
		expect(nextChecklistStatus('approved', 'return')).toBeNull();
		expect(nextChecklistStatus('returned', 'recall')).toBeNull();
	});

	it('offers each side only its own actions', () => {
		expect(availableActions('submitted', 'school')).toEqual(['withdraw']);
		expect(availableActions('submitted', 'reviewer')).toEqual(['approve', 'return']);
		expect(availableActions('approved', 'school')).toEqual([]);
		expect(availableActions('approved', 'reviewer')).toEqual(['recall']);
	});

	it('locks items once submitted or approved', () => {
		expect(canSchoolEdit('draft')).toBe(true);
		expect(canSchoolEdit('returned')).toBe(true);
		expect(canSchoolEdit('submitted')).toBe(false);
		expect(canSchoolEdit('approved')).toBe(false);
		expect(canReview('submitted')).toBe(true);
		expect(canReview('approved')).toBe(false);
	});
});

const sub = (over: Partial<SubmissionItem> = {}): SubmissionItem => ({
	code: 'A',
	status: 'done',
	isMandatory: false,
	evidenceRequired: true,
	evidenceCount: 1,
	selfScore: 5,
	maxPoints: 5,
	...over
});

describe('submission rules', () => {
	it('needs every item of the model checklist done, with evidence where required', () => {
		expect(submissionProblems('model', [sub()])).toEqual([]);
		expect(submissionProblems('model', [sub({ status: 'in_progress' })])).toEqual([
			{ code: 'A', problem: 'not_done' }
		]);
		expect(submissionProblems('model', [sub({ evidenceCount: 0 })])).toEqual([
			{ code: 'A', problem: 'evidence_missing' }
		]);
		expect(submissionProblems('model', [sub({ status: 'not_applicable' })])).toEqual([]);
	});

	it('never lets a mandatory condition be marked not applicable', () => {
		expect(
			submissionProblems('model', [sub({ isMandatory: true, status: 'not_applicable' })])
		).toEqual([{ code: 'A', problem: 'mandatory_not_applicable' }]);
	});

	it('lets a 4725 self-assessment leave criteria unmet but not unscored', () => {
		expect(submissionProblems('dti', [sub({ status: 'in_progress', selfScore: 2 })])).toEqual([]);
		expect(submissionProblems('dti', [sub({ status: 'in_progress', selfScore: null })])).toEqual([
			{ code: 'A', problem: 'score_missing' }
		]);
	});
});

describe('review rules', () => {
	it('approves only when no item is sent back', () => {
		expect(
			reviewProblem('approve', [{ code: 'A', reviewDecision: 'accepted', reviewComment: null }])
		).toBeNull();
		expect(
			reviewProblem('approve', [{ code: 'A', reviewDecision: 'returned', reviewComment: 'x' }])
		).toBe('item_returned');
	});

	it('returns only with at least one item sent back, each with a reason', () => {
		expect(
			reviewProblem('return', [{ code: 'A', reviewDecision: null, reviewComment: null }])
		).toBe('nothing_returned');
		expect(
			reviewProblem('return', [{ code: 'A', reviewDecision: 'returned', reviewComment: ' ' }])
		).toBe('reason_missing');
		expect(
			reviewProblem('return', [{ code: 'A', reviewDecision: 'returned', reviewComment: 'Thiếu' }])
		).toBeNull();
	});
});

describe('platform status transitions', () => {
	it('moves forward freely, skipping steps if needed', () => {
		expect(platformTransitionProblem('not_started', 'deploying', null)).toBeNull();
		expect(platformTransitionProblem('not_started', 'in_use', null)).toBeNull();
		expect(platformTransitionProblem('deployed', 'in_use', '')).toBeNull();
	});

	it('needs a note to go back', () => {
		expect(platformTransitionProblem('in_use', 'deployed', null)).toBe('note_required');
		expect(platformTransitionProblem('in_use', 'deployed', '  ')).toBe('note_required');
		expect(platformTransitionProblem('in_use', 'not_started', 'Nhà cung cấp ngừng')).toBeNull();
	});
});
