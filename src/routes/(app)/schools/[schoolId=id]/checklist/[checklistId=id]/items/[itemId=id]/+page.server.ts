import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { evidenceLinkSchema, itemReviewSchema, itemSchema } from '$lib/schemas/rollout';
import { canReview, canSchoolEdit } from '$lib/rollout/workflow';
import { getConfig } from '$lib/server/config';
import { getChecklistItem } from '$lib/server/rollout/checklists';
import { rolloutRights } from '$lib/server/rollout/rights';
import { listSchoolStaffOptions } from '$lib/server/rollout/school-platforms';
import { nextCriterionToReview } from '$lib/server/rollout/review-next';
import { itemActions } from './actions';
import type { PageServerLoad } from './$types';
import { requestContext, routeId } from '$lib/server/action';

export const load: PageServerLoad = async (event) => {
	const { db, principal } = requestContext(event);
	const { params } = event;
	const schoolId = routeId(params.schoolId);
	const data = await getChecklistItem(
		db,
		principal,
		schoolId,
		routeId(params.checklistId),
		routeId(params.itemId)
	);
	const rights = await rolloutRights(db, principal, schoolId);
	const editable = rights.canEdit && canSchoolEdit(data.checklist.status);
	const reviewable = rights.canReview && canReview(data.checklist.status);
	const i = data.item;
	const [staff, itemForm, reviewForm, linkForm, nextReview] = await Promise.all([
		editable ? listSchoolStaffOptions(db, schoolId) : [],
		editable
			? superValidate(
					{
						status: i.status,
						selfScore: i.self_score,
						responsibleStaffId: i.responsible_staff_id,
						dueOn: i.due_on,
						note: i.note,
						version: i.version
					},
					zod4(itemSchema),
					{ id: 'item', errors: false }
				)
			: null,
		reviewable
			? superValidate(
					{
						reviewerScore: i.reviewer_score,
						decision: i.review_decision ?? '',
						comment: i.review_comment,
						version: i.version
					},
					zod4(itemReviewSchema),
					{ id: 'review', errors: false }
				)
			: null,
		editable ? superValidate(zod4(evidenceLinkSchema), { id: 'link' }) : null,
		// After a review: the next criterion still to review (issue 9, item 13).
		reviewable ? nextCriterionToReview(db, data.checklist.id, i.id) : null
	]);
	return {
		...data,
		rights,
		editable,
		staff,
		itemForm,
		reviewForm,
		linkForm,
		nextReview,
		maxUploadMb: Math.floor(getConfig().UPLOAD_MAX_BYTES / (1024 * 1024))
	};
};

export const actions = itemActions;
