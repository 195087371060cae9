import { todayIso } from '$lib/dates';
import { guardedLoad, ownScope, routeId } from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { childTimetable } from '$lib/server/timetable/views';
import type { PageServerLoad } from './$types';

/** The timetable of one's own child's class (any other pupil: 404). */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const found = await childTimetable(db, principal, routeId(event.params.studentId));
	if (!found) notFound();
	const today = todayIso();
	return {
		child: { id: found.child.id, name: found.child.full_name, className: found.child.className },
		grid: found.grid && {
			days: found.grid.days,
			periodsPerDay: found.grid.periodsPerDay,
			effectiveFrom: found.grid.effectiveFrom,
			cells: found.grid.cells.map((c) => ({
				day: c.day,
				period: c.period,
				kind: c.kind,
				subjectName: c.subjectName,
				detail: c.teacherName
			}))
		},
		today: (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
	};
}) satisfies PageServerLoad;
