import type { Kysely } from 'kysely';
import type { DB } from '../db';
import type { Database } from '../db/schema';
import type { Principal } from '../auth/session';
import { notFound, requireSchool, schoolWhere } from '../auth/access';
import { ConflictError, DomainError } from '../errors';
import {
	CHECKLIST_TRANSITIONS,
	nextChecklistStatus,
	reviewProblem,
	submissionProblems,
	type ChecklistAction
} from '../../rollout/workflow';
import { recordEvent } from '../events';
import { refreshSchoolSummaries } from './summary';
import { unmetOfChecklist } from './mandatory';

/**
 * Approving a checklist with an unmet mandatory condition (Decision 4725) is refused, unless the
 * reviewer gives a reason: then it is an explicit exception, kept on the checklist and shown with
 * it (issue 9, point 2). Returns the exception to store (null: none needed).
 */
async function approvalException(
	trx: Kysely<Database>,
	checklistId: number,
	reason: string | null
): Promise<string | null> {
	const unmet = await unmetOfChecklist(trx, checklistId);
	if (!unmet.length) return null;
	if (!reason)
		throw new DomainError('rollout_approve_mandatory_unmet', {
			codes: unmet.map((u) => u.code).join(', ')
		});
	return reason;
}

async function checkSubmission(trx: Kysely<Database>, checklistId: number, kind: 'model' | 'dti') {
	const items = await trx
		.selectFrom('school_checklist_items as i')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.select((eb) => [
			'cr.code',
			'i.status',
			'i.self_score',
			'cr.is_mandatory',
			'cr.evidence_required',
			'cr.max_points',
			eb
				.selectFrom('checklist_evidence as e')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('e.item_id', '=', 'i.id')
				.as('evidence_count')
		])
		.where('i.checklist_id', '=', checklistId)
		.orderBy('cr.group_code', 'desc')
		.orderBy('cr.sort_order')
		.execute();
	const problems = submissionProblems(
		kind,
		items.map((i) => ({
			code: i.code,
			status: i.status,
			isMandatory: i.is_mandatory,
			evidenceRequired: i.evidence_required,
			evidenceCount: Number(i.evidence_count),
			selfScore: i.self_score === null ? null : Number(i.self_score),
			maxPoints: Number(i.max_points)
		}))
	);
	if (problems.length)
		throw new DomainError('rollout_submit_problems', {
			codes: [...new Set(problems.map((p) => p.code))].join(', ')
		});
}

async function checkReview(
	trx: Kysely<Database>,
	checklistId: number,
	action: 'approve' | 'return'
) {
	const items = await trx
		.selectFrom('school_checklist_items as i')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.select(['cr.code', 'i.review_decision', 'i.review_comment'])
		.where('i.checklist_id', '=', checklistId)
		.execute();
	const problem = reviewProblem(
		action,
		items.map((i) => ({
			code: i.code,
			reviewDecision: i.review_decision,
			reviewComment: i.review_comment
		}))
	);
	if (problem) throw new DomainError(`rollout_review_${problem}`);
}

/**
 * One step of the workflow on a school's checklist: the school submits or withdraws; a reviewer
 * (area or department) approves, returns (reasons per item) or recalls an approval. Every step is
 * version-checked, recorded in the history and reflected in the school's summary.
 */
export async function runChecklistAction(
	db: DB,
	principal: Principal,
	schoolId: number,
	checklistId: number,
	input: { action: ChecklistAction; reason: string | null; version: number }
) {
	const by = CHECKLIST_TRANSITIONS[input.action].by;
	await requireSchool(db, principal, schoolId, by === 'school' ? 'rollout.edit' : 'rollout.review');
	if (input.action === 'recall' && !input.reason) throw new DomainError('rollout_reason_required');
	return db.transaction().execute(async (trx) => {
		const checklist = await trx
			.selectFrom('school_checklists as c')
			.innerJoin('checklist_templates as t', 't.id', 'c.template_id')
			.select(['c.id', 'c.status', 'c.version', 't.kind', 't.name_vi'])
			.where('c.id', '=', checklistId)
			.where('c.school_id', '=', schoolId)
			.forUpdate('c')
			.executeTakeFirst();
		if (!checklist) notFound();
		if (checklist.version !== input.version) throw new ConflictError('checklist', checklistId);
		const to = nextChecklistStatus(checklist.status, input.action);
		if (!to) throw new DomainError('rollout_action_not_allowed');
		if (input.action === 'submit') await checkSubmission(trx, checklistId, checklist.kind);
		if (input.action === 'approve' || input.action === 'return')
			await checkReview(trx, checklistId, input.action);
		const exception =
			input.action === 'approve' ? await approvalException(trx, checklistId, input.reason) : null;
		if (input.action === 'submit')
			// A resubmission is reviewed afresh; the reviewer's earlier comments stay in the history.
			await trx
				.updateTable('school_checklist_items')
				.set({ review_decision: null })
				.where('checklist_id', '=', checklistId)
				.execute();
		const now = new Date();
		const reviewer = by === 'reviewer';
		const updated = await trx
			.updateTable('school_checklists')
			.set((eb) => ({
				status: to,
				updated_at: now,
				updated_by: principal.userId,
				version: eb('version', '+', 1),
				...(input.action === 'submit' ? { submitted_at: now, submitted_by: principal.userId } : {}),
				...(reviewer ? { reviewed_at: now, reviewed_by: principal.userId } : {}),
				...(input.action === 'approve' ? { approved_at: now } : {}),
				...(input.action === 'recall' ? { approved_at: null } : {}),
				// an exception holds for the approval it came with only
				approval_exception: exception
			}))
			.where('id', '=', checklistId)
			.returning('version')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('checklist_history')
			.values({
				checklist_id: checklistId,
				school_id: schoolId,
				actor_user_id: principal.userId,
				action: input.action,
				from_status: checklist.status,
				to_status: to,
				reason: input.reason
			})
			.execute();
		await refreshSchoolSummaries(trx, { schoolIds: [schoolId] });
		if (input.action === 'return')
			// The school's admins are told (automatic notices of the messages module).
			await recordEvent(trx, {
				module: 'rollout',
				kind: 'checklist_returned',
				subjectType: 'checklist',
				subjectId: checklistId,
				schoolId,
				createdBy: principal.userId,
				payload: { checklist: checklist.name_vi, reason: input.reason ?? '' }
			});
		return { status: to, version: updated.version };
	});
}

/** Checklists waiting for review in the reviewer's scope (oldest submission first). */
export async function listAwaitingReview(db: DB, principal: Principal, limit = 200) {
	return db
		.selectFrom('school_checklists as c')
		.innerJoin('schools', 'schools.id', 'c.school_id')
		.innerJoin('areas', 'areas.id', 'schools.area_id')
		.innerJoin('checklist_templates as t', 't.id', 'c.template_id')
		.select([
			'c.id',
			'c.school_id',
			'c.submitted_at',
			'schools.name as school_name',
			'areas.name as area_name',
			't.name_vi',
			't.name_en',
			't.kind'
		])
		.where('c.status', '=', 'submitted')
		.where(schoolWhere(principal, 'rollout.review'))
		.orderBy('c.submitted_at')
		.limit(limit)
		.execute();
}
