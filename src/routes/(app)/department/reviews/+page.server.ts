import { getDb } from '$lib/server/db';
import { listAwaitingReview } from '$lib/server/rollout/checklist-actions';
import type { PageServerLoad } from './$types';

/** Checklists waiting for the caller's review (area official: the area; department: all). */
export const load: PageServerLoad = async ({ locals }) => {
	return { queue: await listAwaitingReview(getDb(), locals.user!) };
};
