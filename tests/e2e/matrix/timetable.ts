import { expect, type APIRequestContext } from '@playwright/test';
import { TEACHERS, type MatrixRow } from './types';

/**
 * Timetable module: the school admin's page (week, generation, publication) and its actions, a
 * version's grid (the school's admin and teachers: published versions), the teacher's week and a
 * parent's view of their own child's class. POST rows send empty forms: nothing changes.
 */
const qt = (ids: { quangTrung: number }) => `/schools/${ids.quangTrung}/timetable`;

export const timetableRows: MatrixRow[] = [
	{ name: 'timetable of Quang Trung', path: qt, allow: ['admin_qt'], status: 200 },
	...(['settings', 'bells', 'generate', 'cancel', 'publish'] as const).map((action): MatrixRow => ({
		name: `timetable ${action} at Quang Trung`,
		method: 'POST',
		path: (ids) => `${qt(ids)}?/${action}`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	})),
	{
		name: 'rooms and room timetable at Quang Trung',
		path: (ids) => `${qt(ids)}/rooms`,
		allow: ['admin_qt'],
		status: 200
	},
	...(['add', 'remove', 'needs'] as const).map((action): MatrixRow => ({
		name: `rooms ${action} at Quang Trung`,
		method: 'POST',
		path: (ids) => `${qt(ids)}/rooms?/${action}`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	})),
	{
		name: 'weekly periods at Quang Trung',
		path: (ids) => `${qt(ids)}/requirements`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'save weekly periods at Quang Trung',
		method: 'POST',
		path: (ids) => `${qt(ids)}/requirements`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: "teachers' unavailable times at Quang Trung",
		path: (ids) => `${qt(ids)}/requirements/unavailable`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: "save a teacher's unavailable times at Quang Trung",
		method: 'POST',
		path: (ids) => `${qt(ids)}/requirements/unavailable`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'a published Quang Trung timetable',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'a published Quang Trung timetable, whole school',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}?view=school`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'export of a published Quang Trung timetable',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}/export?format=csv`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'PDF of a class of a published Quang Trung timetable',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}/pdf?class=${ids.grades.rollClass}`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'make a draft of a Quang Trung timetable',
		method: 'POST',
		path: (ids) => `${qt(ids)}?/copy`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'the editor of a Quang Trung timetable',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}/edit`,
		allow: ['admin_qt'],
		status: 200
	},
	...(['check', 'move', 'lock'] as const).map((action): MatrixRow => ({
		name: `timetable editor ${action} at Quang Trung`,
		method: 'POST',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}/edit?/${action}`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	})),
	{
		name: 'API Quang Trung timetable',
		api: true,
		path: (ids) => `/api/v1/schools/${ids.quangTrung}/timetable`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: "API Quang Trung timetable of the demo teacher's homeroom class (a child's)",
		api: true,
		path: (ids) => `/api/v1/schools/${ids.quangTrung}/timetable?class=${ids.grades.rollClass}`,
		allow: ['admin_qt', 'teacher_qt', 'parent_qt'],
		status: 200
	},
	{ name: "the teacher's week", path: () => '/teacher/timetable', allow: TEACHERS, status: 200 },
	...(['feed', 'revokeFeed'] as const).map((action): MatrixRow => ({
		name: `teacher's calendar link ${action}, empty form`,
		method: 'POST',
		path: () => `/teacher/timetable?/${action}`,
		form: {},
		allow: TEACHERS,
		status: 400
	})),
	{
		name: 'a calendar feed with an unknown secret (no session needed, none helps)',
		path: () => `/feeds/timetable/ttf_${'a'.repeat(32)}.ics`,
		allow: [],
		status: 404,
		anonymous: 404
	},
	{
		name: "a child's class timetable",
		path: (ids) => `/parent/timetable/${ids.timetable.child}`,
		allow: ['parent_qt'],
		status: 200
	},
	{
		name: "a child's class timetable as PDF",
		path: (ids) => `/parent/timetable/${ids.timetable.child}/pdf`,
		allow: ['parent_qt'],
		status: 200
	},
	{
		name: "another family's child's class timetable as PDF",
		path: (ids) => `/parent/timetable/${ids.grades.otherChild}/pdf`,
		allow: [],
		status: 200
	},
	...(['feed', 'revokeFeed'] as const).map((action): MatrixRow => ({
		name: `parent's calendar link ${action} on a child's timetable, empty form`,
		method: 'POST',
		path: (ids) => `/parent/timetable/${ids.timetable.child}?/${action}`,
		form: {},
		allow: ['parent_qt'],
		status: 400
	})),
	{
		name: 'cover at Quang Trung',
		path: (ids) => `${qt(ids)}/cover`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'record an absence at Quang Trung',
		method: 'POST',
		path: (ids) => `${qt(ids)}/cover`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'a seeded absence at Quang Trung',
		path: (ids) => `${qt(ids)}/cover/${ids.timetable.absence}`,
		allow: ['admin_qt'],
		status: 200
	},
	...(['assign', 'other', 'alone', 'remove', 'delete'] as const).map((action): MatrixRow => ({
		name: `cover ${action} at Quang Trung`,
		method: 'POST',
		path: (ids) => `${qt(ids)}/cover/${ids.timetable.absence}?/${action}`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	})),
	{
		name: 'cover report at Quang Trung',
		path: (ids) => `${qt(ids)}/cover/report`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'cover report export at Quang Trung',
		path: (ids) => `${qt(ids)}/cover/report/export?format=csv`,
		allow: ['admin_qt'],
		status: 200
	}
];

/**
 * The published version of Quang Trung (from its admin's page), the demo parent's first child and
 * a seeded absence (from the cover page).
 */
export async function timetableIds(
	admin: APIRequestContext,
	parent: APIRequestContext,
	quangTrung: number
): Promise<{ version: number; child: number; absence: number }> {
	const page = await (await admin.get(`/schools/${quangTrung}/timetable`)).text();
	const cover = await (await admin.get(`/schools/${quangTrung}/timetable/cover`)).text();
	const absence = /data-testid="absence-(\d+)"/.exec(cover);
	expect(absence, 'a seeded absence at Quang Trung').not.toBeNull();
	const version = /data-testid="version-(\d+)" data-status="published"/.exec(page);
	const home = await (await parent.get('/parent')).text();
	const child = /href="\/parent\/timetable\/(\d+)"/.exec(home);
	expect(version, 'a published timetable at Quang Trung').not.toBeNull();
	expect(child, "a link to the demo parent's child's timetable").not.toBeNull();
	return { version: Number(version![1]), child: Number(child![1]), absence: Number(absence![1]) };
}
