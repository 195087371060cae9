import { formatDate, todayIso } from '$lib/dates';
import * as m from '$lib/paraglide/messages';
import { guardedLoad, ownScope } from '$lib/server/action';
import { coversBetween } from '$lib/server/timetable/cover';
import { teacherWeek } from '$lib/server/timetable/views';
import { coverNote } from '$lib/i18n/timetable';
import { listedWeek, weekdayOfDay, withCoversGiven, withCoversTaken } from '$lib/timetable/cover';
import type { PageServerLoad } from './$types';

/** The teacher's own week in the published timetables in force (today first), with their covers. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => {
	const today = todayIso();
	const week = await teacherWeek(db, principal.userId, today);
	const staff = await db
		.selectFrom('staff')
		.select('id')
		.where('user_id', '=', principal.userId)
		.where('active', '=', true)
		.execute();
	const { from, to } = listedWeek(today);
	const staffIds = staff.map((s) => s.id);
	const [covers, taken] = await Promise.all([
		coversBetween(db, { staffIds }, from, to),
		coversBetween(db, { absentStaffIds: staffIds }, from, to)
	]);
	const cells = week.cells.map((c) => ({
		day: c.day,
		period: c.period,
		kind: c.kind,
		subjectName: c.subjectName,
		detail: c.className
	}));
	return {
		week: {
			...week,
			cells: withCoversGiven(withCoversTaken(cells, taken, today, coverNote), covers, today, (c) =>
				m.timetable_cover_for_on({ date: formatDate(c.day), name: c.absentName })
			)
		},
		// 0 = Monday ... 6 = Sunday
		today: weekdayOfDay(today)
	};
}) satisfies PageServerLoad;
