import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { notFound, requireSchool } from '../auth/access';
import {
	checklistProgress,
	isItemMet,
	reviewProgress,
	scoreGroups,
	type ScoredItem
} from '../../rollout/scoring';

/** A school's checklists (newest first) with their progress. */
export async function listSchoolChecklists(db: DB, principal: Principal, schoolId: number) {
	await requireSchool(db, principal, schoolId, 'rollout.view');
	return db
		.selectFrom('school_checklists as c')
		.innerJoin('checklist_templates as t', 't.id', 'c.template_id')
		.select((eb) => [
			'c.id',
			'c.status',
			'c.submitted_at',
			'c.approved_at',
			'c.updated_at',
			't.kind',
			't.code',
			't.revision',
			't.name_vi',
			't.name_en',
			't.is_verified',
			eb
				.selectFrom('school_checklist_items as i')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('i.checklist_id', '=', 'c.id')
				.where('i.status', '<>', 'not_applicable')
				.as('total'),
			eb
				.selectFrom('school_checklist_items as i')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('i.checklist_id', '=', 'c.id')
				.where('i.status', '=', 'done')
				.as('done')
		])
		.where('c.school_id', '=', schoolId)
		.orderBy('c.created_at', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
}

/** The checklist row itself, within the school, or a 404. */
export async function findChecklist(db: DB, schoolId: number, checklistId: number) {
	if (!Number.isSafeInteger(checklistId)) notFound();
	const row = await db
		.selectFrom('school_checklists as c')
		.innerJoin('checklist_templates as t', 't.id', 'c.template_id')
		.selectAll('c')
		.select([
			't.kind',
			't.code',
			't.revision',
			't.name_vi',
			't.name_en',
			't.is_verified',
			't.description_vi',
			't.description_en'
		])
		.where('c.id', '=', checklistId)
		.where('c.school_id', '=', schoolId)
		.executeTakeFirst();
	return row ?? notFound();
}

/** Items with their criterion, evidence count and responsible person. */
export async function listItems(db: DB, checklistId: number) {
	return db
		.selectFrom('school_checklist_items as i')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.leftJoin('staff', 'staff.id', 'i.responsible_staff_id')
		.leftJoin('school_platforms as sp', (j) =>
			j.onRef('sp.platform_id', '=', 'cr.platform_id').onRef('sp.school_id', '=', 'i.school_id')
		)
		.select((eb) => [
			'i.id',
			'i.status',
			'i.self_score',
			'i.reviewer_score',
			'i.review_decision',
			'i.review_comment',
			'i.due_on',
			'i.note',
			'i.version',
			'i.updated_at',
			'i.responsible_staff_id',
			'staff.full_name as responsible_name',
			'cr.code',
			'cr.group_code',
			'cr.title_vi',
			'cr.title_en',
			'cr.max_points',
			'cr.is_mandatory',
			'cr.evidence_required',
			'cr.platform_id',
			'sp.status as platform_status',
			eb
				.selectFrom('checklist_evidence as e')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('e.item_id', '=', 'i.id')
				.as('evidence_count')
		])
		.where('i.checklist_id', '=', checklistId)
		.orderBy('cr.group_code', 'desc')
		.orderBy('cr.sort_order')
		.orderBy('cr.id')
		.execute();
}

export type ChecklistItemRow = Awaited<ReturnType<typeof listItems>>[number];

export function toScored(item: ChecklistItemRow): ScoredItem {
	return {
		group: item.group_code,
		maxPoints: Number(item.max_points),
		isMandatory: item.is_mandatory,
		status: item.status,
		selfScore: item.self_score === null ? null : Number(item.self_score),
		reviewerScore: item.reviewer_score === null ? null : Number(item.reviewer_score),
		reviewDecision: item.review_decision
	};
}

export async function listChecklistHistory(db: DB, checklistId: number, itemId?: number) {
	let q = db
		.selectFrom('checklist_history as h')
		.leftJoin('users', 'users.id', 'h.actor_user_id')
		.leftJoin('school_checklist_items as i', 'i.id', 'h.item_id')
		.leftJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.select([
			'h.id',
			'h.at',
			'h.action',
			'h.from_status',
			'h.to_status',
			'h.reason',
			'h.changes',
			'h.item_id',
			'cr.code as item_code',
			'users.name as actor_name'
		])
		.where('h.checklist_id', '=', checklistId);
	if (itemId !== undefined) q = q.where('h.item_id', '=', itemId);
	return q.orderBy('h.at', 'desc').orderBy('h.id', 'desc').limit(200).execute();
}

/** A checklist with its items, progress, scores (the school's, the reviewer's, the result) and history. */
export async function getChecklist(
	db: DB,
	principal: Principal,
	schoolId: number,
	checklistId: number
) {
	await requireSchool(db, principal, schoolId, 'rollout.view');
	const checklist = await findChecklist(db, schoolId, checklistId);
	const [items, history] = await Promise.all([
		listItems(db, checklistId),
		listChecklistHistory(db, checklistId)
	]);
	const scored = items.map(toScored);
	return {
		checklist,
		items,
		history,
		progress: checklistProgress(items),
		/** mandatory conditions not met: approving then needs an exception with a reason */
		unmetMandatory: scored
			.map((s, i) => ({ s, code: items[i].code }))
			.filter(({ s }) => s.isMandatory && !isItemMet(s))
			.map(({ code }) => code),
		scores: {
			self: scoreGroups(scored, 'self'),
			reviewer: items.some((i) => i.reviewer_score !== null)
				? scoreGroups(scored, 'reviewer')
				: null,
			result: scoreGroups(scored, 'effective'),
			review: reviewProgress(scored)
		}
	};
}

/** One item with its criterion (guidance), evidence and history. */
export async function getChecklistItem(
	db: DB,
	principal: Principal,
	schoolId: number,
	checklistId: number,
	itemId: number
) {
	await requireSchool(db, principal, schoolId, 'rollout.view');
	const checklist = await findChecklist(db, schoolId, checklistId);
	if (!Number.isSafeInteger(itemId)) notFound();
	const item = await db
		.selectFrom('school_checklist_items as i')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.leftJoin('platforms as p', 'p.id', 'cr.platform_id')
		.selectAll('i')
		.select([
			'cr.code',
			'cr.group_code',
			'cr.title_vi',
			'cr.title_en',
			'cr.guidance_vi',
			'cr.guidance_en',
			'cr.max_points',
			'cr.is_mandatory',
			'cr.evidence_required',
			'cr.platform_id',
			'p.name_vi as platform_vi',
			'p.name_en as platform_en'
		])
		.where('i.id', '=', itemId)
		.where('i.checklist_id', '=', checklistId)
		.executeTakeFirst();
	if (!item) notFound();
	const [evidence, history] = await Promise.all([
		db
			.selectFrom('checklist_evidence as e')
			.leftJoin('users', 'users.id', 'e.created_by')
			.select([
				'e.id',
				'e.kind',
				'e.url',
				'e.file_name',
				'e.size_bytes',
				'e.label',
				'e.created_at',
				'users.name as created_by_name'
			])
			.where('e.item_id', '=', itemId)
			.orderBy('e.id')
			.execute(),
		listChecklistHistory(db, checklistId, itemId)
	]);
	return { checklist, item, evidence, history };
}
