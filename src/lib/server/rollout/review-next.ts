import type { DB } from '../db';

export interface NextCriterion {
	id: number;
	code: string;
	title_vi: string;
	title_en: string;
}

/**
 * The criterion a reviewer goes on to after one (issue 9, item 13): the first one after
 * `itemId`, in the checklist's order (teaching group first, then the criteria's order), that still
 * waits for a review (no score, no decision; "not applicable" items need none), wrapping around
 * to the start; null when every other criterion is reviewed. The caller has checked the scope.
 */
export async function nextCriterionToReview(
	db: DB,
	checklistId: number,
	itemId: number
): Promise<NextCriterion | null> {
	const items = await db
		.selectFrom('school_checklist_items as i')
		.innerJoin('checklist_criteria as cr', 'cr.id', 'i.criterion_id')
		.select([
			'i.id',
			'i.status',
			'i.reviewer_score',
			'i.review_decision',
			'cr.code',
			'cr.title_vi',
			'cr.title_en'
		])
		.where('i.checklist_id', '=', checklistId)
		.orderBy('cr.group_code', 'desc')
		.orderBy('cr.sort_order')
		.orderBy('cr.id')
		.execute();
	const at = items.findIndex((i) => i.id === itemId);
	const ordered = [...items.slice(at + 1), ...items.slice(0, Math.max(at, 0))];
	const next = ordered.find(
		(i) =>
			i.id !== itemId &&
			i.status !== 'not_applicable' &&
			i.reviewer_score === null &&
			i.review_decision === null
	);
	return next
		? { id: next.id, code: next.code, title_vi: next.title_vi, title_en: next.title_en }
		: null;
}
