import { todayIso } from '$lib/dates';
import { monthSchema } from '$lib/schemas/timetable';
import { guardedLoad, schoolScope } from '$lib/server/action';
import { coverReport } from '$lib/server/timetable/cover';
import type { PageServerLoad } from './$types';

/** Covers per teacher in a month (`?month=yyyy-mm`, else the current one), with the exports. */
export const load = guardedLoad(schoolScope('timetable.manage'), async ({ db, school, event }) => {
	const month =
		monthSchema.catch(undefined).parse(event.url.searchParams.get('month') ?? undefined) ??
		todayIso().slice(0, 7);
	return { month, rows: await coverReport(db, school.id, month) };
}) satisfies PageServerLoad;
