import { feedActions } from '$lib/server/timetable/feed-actions';
import { formatDate, todayIso } from '$lib/dates';
import * as m from '$lib/paraglide/messages';
import { guardedActions, guardedLoad, newFormKey, ownScope } from '$lib/server/action';
import { coversBetween } from '$lib/server/timetable/cover';
import { feedCreatedAt } from '$lib/server/timetable/feeds';
import { teacherWeek } from '$lib/server/timetable/views';
import { coverNote } from '$lib/i18n/timetable';
import { listedWeek, weekdayOfDay, withCoversGiven, withCoversTaken } from '$lib/timetable/cover';
import type { Actions, PageServerLoad } from './$types';

/** The teacher's own week in the published timetables in force (today first), with their covers. */
export const load = guardedLoad(ownScope, async ({ db, principal }) => {
	const today = todayIso();
	const { staffIds, periodTimes: times, ...week } = await teacherWeek(db, principal.userId, today);
	const { from, to } = listedWeek(today);
	const [covers, taken, feedSince, homerooms] = await Promise.all([
		coversBetween(db, { staffIds }, from, to),
		coversBetween(db, { absentStaffIds: staffIds }, from, to),
		feedCreatedAt(db, principal.userId),
		staffIds.length
			? db
					.selectFrom('classes')
					.select(['id', 'name', 'school_id as schoolId'])
					.where('homeroom_staff_id', 'in', staffIds)
					.orderBy('name')
					.execute()
			: []
	]);
	// a cover's period (not in the grid) takes the only school's times, if one
	const used = [...new Set(week.cells.map((c) => c.versionId))];
	const onlyTimes = used.length === 1 ? (times.get(used[0]) ?? []) : [];
	const cells = week.cells.map((c) => ({
		day: c.day,
		period: c.period,
		kind: c.kind,
		subjectName: c.subjectName,
		detail: c.className
	}));
	const timeAt = new Map(
		week.cells.map((c) => [`${c.day}:${c.period}`, times.get(c.versionId)?.[c.period]])
	);
	return {
		week: {
			...week,
			cells: withCoversGiven(withCoversTaken(cells, taken, today, coverNote), covers, today, (c) =>
				m.timetable_cover_for_on({ date: formatDate(c.day), name: c.absentName })
			).map((c) => ({ ...c, time: timeAt.get(`${c.day}:${c.period}`) ?? onlyTimes[c.period] }))
		},
		// 0 = Monday ... 6 = Sunday
		today: weekdayOfDay(today),
		feed: { since: feedSince?.toISOString() ?? null, formKey: newFormKey(), homerooms }
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(ownScope, feedActions()) satisfies Actions;
