import { z } from 'zod';
import { guardedLoad } from '$lib/server/action';
import { loadClassSummary } from '$lib/server/grades/homeroom';
import type { PageServerLoad } from './$types';
import { homeroomScope } from '$lib/server/grades/homeroom';

const viewSchema = z.enum(['1', '2', 'year']).catch('year');

export const load = guardedLoad(homeroomScope, async ({ db, cls, event }) => ({
	cls,
	view: viewSchema.parse(event.url.searchParams.get('view')),
	summary: await loadClassSummary(db, cls)
})) satisfies PageServerLoad;
