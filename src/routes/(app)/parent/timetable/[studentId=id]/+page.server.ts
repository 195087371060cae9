import { todayIso } from '$lib/dates';
import { coverNote } from '$lib/i18n/timetable';
import { guardedLoad, ownScope, routeId } from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { coversBetween } from '$lib/server/timetable/cover';
import { childTimetable } from '$lib/server/timetable/views';
import { listedWeek, weekdayOfDay, withCoversHeld } from '$lib/timetable/cover';
import type { PageServerLoad } from './$types';

/** The timetable of one's own child's class (any other pupil: 404), with this week's covers. */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const found = await childTimetable(db, principal, routeId(event.params.studentId));
	if (!found) notFound();
	const today = todayIso();
	const { from, to } = listedWeek(today);
	const classId = found.child.class_id;
	const covers =
		found.grid && classId !== null
			? await coversBetween(db, { classIds: [classId] }, from, to)
			: [];
	return {
		child: { id: found.child.id, name: found.child.full_name, className: found.child.className },
		grid: found.grid && {
			days: found.grid.days,
			periodsPerDay: found.grid.periodsPerDay,
			effectiveFrom: found.grid.effectiveFrom,
			cells: withCoversHeld(
				found.grid.cells.map((c) => ({
					day: c.day,
					period: c.period,
					kind: c.kind,
					subjectName: c.subjectName,
					detail: c.teacherName
				})),
				covers,
				today,
				coverNote
			)
		},
		today: weekdayOfDay(today)
	};
}) satisfies PageServerLoad;
