import {
	PLATFORM_STATUSES,
	type ChecklistStatus,
	type ItemStatus,
	type PlatformStatus,
	type ReviewDecision,
	type TemplateKind
} from './statuses';

/**
 * The review workflow of a school's checklist (Decision 4725 calendar: the school self-assesses
 * and submits; the Sở/Phòng approves or returns it with a reason, and may recall an approval).
 *   draft --submit--> submitted --approve--> approved --recall--> submitted
 *   submitted --return--> returned --submit--> submitted;  submitted --withdraw--> draft
 */
export type ChecklistAction = 'submit' | 'withdraw' | 'approve' | 'return' | 'recall';

export const CHECKLIST_TRANSITIONS: Record<
	ChecklistAction,
	{ from: ChecklistStatus[]; to: ChecklistStatus; by: 'school' | 'reviewer' }
> = {
	submit: { from: ['draft', 'returned'], to: 'submitted', by: 'school' },
	withdraw: { from: ['submitted'], to: 'draft', by: 'school' },
	approve: { from: ['submitted'], to: 'approved', by: 'reviewer' },
	return: { from: ['submitted'], to: 'returned', by: 'reviewer' },
	recall: { from: ['approved'], to: 'submitted', by: 'reviewer' }
};

export function nextChecklistStatus(
	status: ChecklistStatus,
	action: ChecklistAction
): ChecklistStatus | null {
	const t = CHECKLIST_TRANSITIONS[action];
	return t.from.includes(status) ? t.to : null;
}

/** Actions open to a school or a reviewer on a checklist in this status. */
export function availableActions(
	status: ChecklistStatus,
	by: 'school' | 'reviewer'
): ChecklistAction[] {
	return (Object.keys(CHECKLIST_TRANSITIONS) as ChecklistAction[]).filter(
		(a) => CHECKLIST_TRANSITIONS[a].by === by && CHECKLIST_TRANSITIONS[a].from.includes(status)
	);
}

/** The school edits items only before submitting or after a return; an approval locks them. */
export const canSchoolEdit = (status: ChecklistStatus) =>
	status === 'draft' || status === 'returned';

/** Reviewers score and comment items while the checklist waits for them. */
export const canReview = (status: ChecklistStatus) => status === 'submitted';

export interface SubmissionItem {
	code: string;
	status: ItemStatus;
	isMandatory: boolean;
	evidenceRequired: boolean;
	evidenceCount: number;
	selfScore: number | null;
	maxPoints: number;
}

export type SubmissionProblem = {
	code: string;
	problem: 'not_done' | 'evidence_missing' | 'score_missing' | 'mandatory_not_applicable';
};

/**
 * What stops a submission. The model checklist is submitted when every item that applies is done
 * ("ba được": measurable on data, so evidence where required). A 4725 self-assessment may leave
 * criteria unmet, but every scored criterion needs the school's score.
 */
export function submissionProblems(kind: TemplateKind, items: SubmissionItem[]) {
	const problems: SubmissionProblem[] = [];
	for (const item of items) {
		if (item.isMandatory && item.status === 'not_applicable')
			problems.push({ code: item.code, problem: 'mandatory_not_applicable' });
		else if (kind === 'model' && item.status !== 'done' && item.status !== 'not_applicable')
			problems.push({ code: item.code, problem: 'not_done' });
		if (item.status === 'done' && item.evidenceRequired && item.evidenceCount === 0)
			problems.push({ code: item.code, problem: 'evidence_missing' });
		if (
			kind === 'dti' &&
			item.status !== 'not_applicable' &&
			item.maxPoints > 0 &&
			item.selfScore === null
		)
			problems.push({ code: item.code, problem: 'score_missing' });
	}
	return problems;
}

export interface ReviewedItem {
	code: string;
	reviewDecision: ReviewDecision | null;
	reviewComment: string | null;
}

export type ReviewProblem = 'item_returned' | 'nothing_returned' | 'reason_missing';

/** Approve only with no item sent back; return only with at least one item sent back, each with a reason. */
export function reviewProblem(
	action: 'approve' | 'return',
	items: ReviewedItem[]
): ReviewProblem | null {
	const returned = items.filter((i) => i.reviewDecision === 'returned');
	if (action === 'approve') return returned.length ? 'item_returned' : null;
	if (!returned.length) return 'nothing_returned';
	return returned.some((i) => !i.reviewComment?.trim()) ? 'reason_missing' : null;
}

/**
 * Platform deployment moves forward: not_started -> deploying -> deployed -> in_use (steps may be
 * skipped when a school already used a product). Going back is a correction and needs a note.
 */
export function platformTransitionProblem(
	from: PlatformStatus,
	to: PlatformStatus,
	note: string | null | undefined
): 'note_required' | null {
	const backwards = PLATFORM_STATUSES.indexOf(to) < PLATFORM_STATUSES.indexOf(from);
	return backwards && !note?.trim() ? 'note_required' : null;
}
