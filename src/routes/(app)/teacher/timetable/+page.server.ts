import { todayIso } from '$lib/dates';
import { guardedLoad, ownScope } from '$lib/server/action';
import { teacherWeek } from '$lib/server/timetable/views';
import type { PageServerLoad } from './$types';

/** The teacher's own week in the published timetables in force (today first). */
export const load = guardedLoad(ownScope, async ({ db, principal }) => {
	const today = todayIso();
	const week = await teacherWeek(db, principal.userId, today);
	// 0 = Monday ... 6 = Sunday
	const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
	return {
		week: {
			...week,
			cells: week.cells.map((c) => ({
				day: c.day,
				period: c.period,
				kind: c.kind,
				subjectName: c.subjectName,
				detail: c.className
			}))
		},
		today: weekday
	};
}) satisfies PageServerLoad;
