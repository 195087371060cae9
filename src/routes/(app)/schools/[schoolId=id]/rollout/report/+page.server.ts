import { todayIso } from '$lib/dates';
import { getDb } from '$lib/server/db';
import { listSchoolChecklists } from '$lib/server/rollout/checklists';
import { listSchoolPlatforms } from '$lib/server/rollout/school-platforms';
import { getSchoolRollout } from '$lib/server/rollout/school-rollout';
import type { PageServerLoad } from './$types';
import { routeId } from '$lib/server/action';

/** The printable rollout report of one school. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	const schoolId = routeId(params.schoolId);
	const today = todayIso();
	const [rollout, platforms, checklists] = await Promise.all([
		getSchoolRollout(db, locals.user!, schoolId, today),
		listSchoolPlatforms(db, locals.user!, schoolId),
		listSchoolChecklists(db, locals.user!, schoolId)
	]);
	return { today, rollout, platforms: platforms.filter((p) => !p.retired_at), checklists };
};
