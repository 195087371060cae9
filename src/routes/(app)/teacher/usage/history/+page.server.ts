import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { listOwnEntries } from '$lib/server/usage/teacher';
import type { PageServerLoad } from './$types';

const querySchema = z.object({
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined)
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const { page } = querySchema.parse(Object.fromEntries(url.searchParams));
	return listOwnEntries(getDb(), locals.user!, { page, pageSize: 30 });
};
