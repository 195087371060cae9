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
	...(['settings', 'generate', 'cancel', 'publish'] as const).map((action): MatrixRow => ({
		name: `timetable ${action} at Quang Trung`,
		method: 'POST',
		path: (ids) => `${qt(ids)}?/${action}`,
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
		name: 'a published Quang Trung timetable',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}`,
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
	{ name: "the teacher's week", path: () => '/teacher/timetable', allow: TEACHERS, status: 200 },
	{
		name: "a child's class timetable",
		path: (ids) => `/parent/timetable/${ids.timetable.child}`,
		allow: ['parent_qt'],
		status: 200
	}
];

/** The published version of Quang Trung (from its admin's page) and the demo parent's first child. */
export async function timetableIds(
	admin: APIRequestContext,
	parent: APIRequestContext,
	quangTrung: number
): Promise<{ version: number; child: number }> {
	const page = await (await admin.get(`/schools/${quangTrung}/timetable`)).text();
	const version = /data-testid="version-(\d+)" data-status="published"/.exec(page);
	const home = await (await parent.get('/parent')).text();
	const child = /href="\/parent\/timetable\/(\d+)"/.exec(home);
	expect(version, 'a published timetable at Quang Trung').not.toBeNull();
	expect(child, "a link to the demo parent's child's timetable").not.toBeNull();
	return { version: Number(version![1]), child: Number(child![1]) };
}
