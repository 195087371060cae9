import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { accessibleSchoolIds, notFound, type SchoolPermission } from '../auth/access';

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

/**
 * Actions check the caller first (before reading the form), so a caller outside the scope gets a
 * 404 whatever they post. Passes when the caller holds any of the permissions on the school.
 */
export async function requireAnyOf(
	db: DB,
	principal: Principal,
	schoolId: number,
	...permissions: SchoolPermission[]
): Promise<void> {
	if (!Number.isSafeInteger(schoolId)) notFound();
	for (const permission of permissions) {
		const ids = await accessibleSchoolIds(db, principal, permission, [schoolId]);
		if (ids.has(schoolId)) return;
	}
	notFound();
}
