import { guardedLoad, routeId, schoolScope } from '$lib/server/action';
import { officialFiles } from '$lib/server/official-notices/files';
import { openOfficialNotice } from '$lib/server/official-notices/read';
import type { PageServerLoad } from './$types';

/** One notice addressed to the school (else 404); opening it records the read. */
export const load = guardedLoad(
	schoolScope('official_notices.read'),
	async ({ db, school, principal, event }) => {
		const notice = await openOfficialNotice(
			db,
			principal,
			school.id,
			routeId(event.params.noticeId)
		);
		return { notice, files: await officialFiles(db, notice.id) };
	}
) satisfies PageServerLoad;
