import { guardedLoad, routeId, schoolScope } from '$lib/server/action';
import { openOfficialNotice } from '$lib/server/official-notices/read';
import type { PageServerLoad } from './$types';

/** One notice addressed to the school (else 404); opening it records the read. */
export const load = guardedLoad(
	schoolScope('official_notices.read'),
	async ({ db, school, principal, event }) => ({
		notice: await openOfficialNotice(db, principal, school.id, routeId(event.params.noticeId))
	})
) satisfies PageServerLoad;
