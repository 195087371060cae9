import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { accessibleSchoolIds } from '../auth/access';

/** What the caller may do on a school's rollout pages (to show or hide forms; services check again). */
export async function rolloutRights(db: DB, principal: Principal, schoolId: number) {
	const [edit, review, plan] = await Promise.all([
		accessibleSchoolIds(db, principal, 'rollout.edit', [schoolId]),
		accessibleSchoolIds(db, principal, 'rollout.review', [schoolId]),
		accessibleSchoolIds(db, principal, 'rollout.plan', [schoolId])
	]);
	return {
		canEdit: edit.has(schoolId),
		canReview: review.has(schoolId),
		canPlan: plan.has(schoolId)
	};
}
