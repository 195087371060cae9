import { z } from 'zod';
import { guardedLoad, schoolScope } from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { schoolGrantIds } from '$lib/server/auth/access/official';
import { reportCardIndex } from '$lib/server/grades/report-card';
import type { PageServerLoad } from './$types';

const query = z.object({
	class: z.coerce.number().int().min(1).max(2_147_483_647).nullable().catch(null),
	year: z.coerce.number().int().min(1).max(2_147_483_647).nullable().catch(null)
});

/** Report cards of a class: the school admin (any class) and the homeroom teacher (theirs). */
export const load = guardedLoad(
	schoolScope('school.pages'),
	async ({ db, principal, school, event }) => {
		// officials see counts, never pupils
		if (!schoolGrantIds(principal, 'school.pages').includes(school.id)) notFound();
		const { class: classId, year } = query.parse({
			class: event.url.searchParams.get('class'),
			year: event.url.searchParams.get('year')
		});
		return {
			school,
			index: await reportCardIndex(db, principal, school.id, classId ?? null, year ?? null)
		};
	}
) satisfies PageServerLoad;
