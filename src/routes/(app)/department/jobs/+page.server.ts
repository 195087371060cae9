import { getDb } from '$lib/server/db';
import { loadJobOverview } from '$lib/server/jobs/overview';
import { JOB_HANDLERS } from '$lib/server/jobs/registry';
import type { PageServerLoad } from './$types';

/** Background jobs of the portal (department only): last run, outcome, next slot, recent runs. */
export const load: PageServerLoad = async ({ locals }) => {
	const kinds = JOB_HANDLERS.map((h) => h.kind);
	return loadJobOverview(getDb(), locals.user!, kinds);
};
