import { feedActions } from '$lib/server/timetable/feed-actions';
import { todayIso } from '$lib/dates';
import { coverNote } from '$lib/i18n/timetable';
import { guardedActions, guardedLoad, newFormKey, ownScope, routeId } from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { coversBetween } from '$lib/server/timetable/cover';
import { feedCreatedAt } from '$lib/server/timetable/feeds';
import { childTimetable } from '$lib/server/timetable/views';
import { schoolBells } from '$lib/server/timetable/bells';
import { periodLabels } from '$lib/timetable/bells';
import { listedWeek, weekdayOfDay, withCoversHeld } from '$lib/timetable/cover';
import type { Actions, PageServerLoad } from './$types';

/** The timetable of one's own child's class (any other pupil: 404), with this week's covers. */
export const load = guardedLoad(ownScope, async ({ db, principal, event }) => {
	const found = await childTimetable(db, principal, routeId(event.params.studentId));
	if (!found) notFound();
	const today = todayIso();
	const { from, to } = listedWeek(today);
	const classId = found.child.class_id;
	const [bells, covers, feedSince] = await Promise.all([
		found.grid ? schoolBells(db, found.child.school_id) : null,
		found.grid && classId !== null
			? coversBetween(db, { classIds: [classId] }, from, to)
			: Promise.resolve([]),
		feedCreatedAt(db, principal.userId)
	]);
	const times = found.grid && bells ? periodLabels(bells, found.grid.periodsPerDay) : [];
	return {
		child: { id: found.child.id, name: found.child.full_name, className: found.child.className },
		grid: found.grid && {
			days: found.grid.days,
			periodsPerDay: found.grid.periodsPerDay,
			effectiveFrom: found.grid.effectiveFrom,
			times,
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
			).map((c) => ({ ...c, time: times[c.period] }))
		},
		today: weekdayOfDay(today),
		feed: {
			since: feedSince?.toISOString() ?? null,
			formKey: newFormKey(),
			classes:
				classId !== null && found.child.className
					? [{ id: classId, name: found.child.className }]
					: []
		}
	};
}) satisfies PageServerLoad;

/** The parent's private calendar link (the same one for every child; `?class=` picks the class). */
export const actions = guardedActions(
	ownScope,
	feedActions(async (ctx) => {
		if (!(await childTimetable(ctx.db, ctx.principal, routeId(ctx.event.params.studentId!))))
			notFound();
	})
) satisfies Actions;
