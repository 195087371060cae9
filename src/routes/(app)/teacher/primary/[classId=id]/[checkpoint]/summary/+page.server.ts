import { guardedLoad } from '$lib/server/action';
import { primaryCheckpointScope } from '$lib/server/primary/classes';
import { primaryClassSummary } from '$lib/server/primary/summary';
import type { PageServerLoad } from './$types';

/** The class summary of a checkpoint for the homeroom teacher or the school admin (404 otherwise). */
export const load = guardedLoad(primaryCheckpointScope, async ({ db, cls, checkpoint }) => ({
	cls,
	checkpoint,
	summary: await primaryClassSummary(db, cls, checkpoint)
})) satisfies PageServerLoad;
