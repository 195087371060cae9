import { gridFilterSchema } from '$lib/schemas/timetable';
import { guardedLoad, routeId, schoolScope } from '$lib/server/action';
import { mayUse, notFound } from '$lib/server/auth/access';
import { gridCells, schoolVersion } from '$lib/server/timetable/views';
import { schoolTimetableGrid } from '$lib/server/timetable/school-grid';
import { schoolBells } from '$lib/server/timetable/bells';
import { periodLabels } from '$lib/timetable/bells';
import { cellSubject } from '$lib/i18n/timetable';
import type { PageServerLoad } from './$types';

/**
 * One version's grid, per class or per teacher. Teachers of the school see published versions;
 * the school admin drafts too.
 */
export const load = guardedLoad(
	schoolScope('timetable.view'),
	async ({ db, principal, school, event }) => {
		const version = await schoolVersion(db, school.id, routeId(event.params.versionId));
		const manager = mayUse(principal, 'timetable.manage', school);
		if (!version || (version.status !== 'published' && !(manager && version.status === 'draft')))
			notFound();
		const filter = gridFilterSchema.parse(Object.fromEntries(event.url.searchParams));
		const cells = await gridCells(db, [version.id]);
		const classes = [...new Map(cells.map((c) => [c.classId, c.className]))]
			.map(([id, name]) => ({ id, name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
		const teachers = [...new Map(cells.map((c) => [c.staffId, c.teacherName]))]
			.map(([id, name]) => ({ id, name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
		const wholeSchool =
			filter.view === 'school'
				? await schoolTimetableGrid(db, school.id, version, cells, cellSubject)
				: null;
		const teacher = teachers.find((t) => t.id === filter.teacher) ?? null;
		const cls = teacher ? null : (classes.find((c) => c.id === filter.class) ?? classes[0] ?? null);
		const shown = cells.filter((c) => (teacher ? c.staffId === teacher.id : c.classId === cls?.id));
		return {
			version,
			times: periodLabels(await schoolBells(db, school.id), version.periodsPerDay),
			manager,
			classes,
			teachers,
			wholeSchool,
			selected: wholeSchool
				? null
				: teacher
					? { kind: 'teacher' as const, ...teacher }
					: cls
						? { kind: 'class' as const, ...cls }
						: null,
			cells: shown.map((c) => ({
				day: c.day,
				period: c.period,
				kind: c.kind,
				subjectName: c.subjectName,
				detail: teacher ? c.className : c.teacherName
			}))
		};
	}
) satisfies PageServerLoad;
