import type { APIRequestContext } from '@playwright/test';
import type { Caller, MatrixIds, MatrixRow } from './types';

/**
 * The grades API with a session (issue 11; grades tokens are in tests/e2e/grades-api-token.test.ts).
 * The gradebook has the page's rights: the school admin and the subject's teacher read it, only the
 * teacher writes it (the PUT sends a cell no plan has: 400 `invalid_cells`, nothing stored). A
 * pupil's results: the homeroom teacher and the school admin; the parent only their own children
 * (one in 8A, the demo teacher's homeroom class, one in 6C). Everyone else: 404.
 */
export const gradesApiRows: MatrixRow[] = [
	{
		name: 'API gradebook of a Quang Trung class',
		api: true,
		path: (ids) => ids.gradesApi.book,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'API save a Quang Trung gradebook',
		method: 'PUT',
		api: true,
		path: (ids) => ids.gradesApi.book,
		json: { cells: [{ studentId: 1, column: 'zz', value: 11, state: 'value', version: 0 }] },
		allow: ['teacher_qt'],
		status: 400
	},
	{
		name: 'API results of the demo parent’s child in the demo teacher’s homeroom class',
		api: true,
		path: (ids) => `/api/v1/students/${ids.gradesApi.childInHomeroom}/results`,
		allow: ['admin_qt', 'parent_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'API results of the demo parent’s child in another class',
		api: true,
		path: (ids) => `/api/v1/students/${ids.gradesApi.childElsewhere}/results`,
		allow: ['admin_qt', 'parent_qt'],
		status: 200
	},
	{
		name: 'API results of another family’s pupil of the demo teacher’s homeroom class',
		api: true,
		path: (ids) => `/api/v1/students/${ids.gradesApi.homeroomOther}/results`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	}
];

async function links(ctx: APIRequestContext, path: string, pattern: RegExp): Promise<number[]> {
	const html = await (await ctx.get(path)).text();
	return [...html.matchAll(pattern)].map((m) => Number(m[1]));
}

/**
 * The demo teacher's gradebook page `/teacher/grades/<class>/<subject>/<semester id>` as an API
 * path, and pupils by relation: the demo parent's child in the demo teacher's homeroom class, their
 * child in another class, and a pupil of that homeroom class of another family.
 */
export async function gradesApiIds(
	as: (caller: Caller) => APIRequestContext,
	grades: MatrixIds['grades']
): Promise<MatrixIds['gradesApi']> {
	const teacher = as('teacher_qt');
	const children = await links(as('parent_qt'), '/parent', /\/parent\/children\/(\d+)\/grades"/g);
	const homeroom = await links(
		teacher,
		`/teacher/homeroom/${grades.rollClass}`,
		/data-pupil="(\d+)"/g
	);
	const childInHomeroom = children.find((c) => homeroom.includes(c));
	const childElsewhere = children.find((c) => !homeroom.includes(c));
	const homeroomOther = homeroom.find((p) => !children.includes(p));
	if (!childInHomeroom || !childElsewhere || !homeroomOther)
		throw new Error(
			'the demo parent needs a child in and out of the demo teacher’s homeroom class'
		);
	const [classId, subjectId, semesterId] = grades.book.split('/').slice(-3).map(Number);
	for (const semester of [1, 2]) {
		const path = `/api/v1/classes/${classId}/gradebook?subject=${subjectId}&semester=${semester}`;
		const res = await teacher.get(path, { headers: { accept: 'application/json' } });
		if (res.ok() && (await res.json()).semesterId === semesterId)
			return { book: path, childInHomeroom, childElsewhere, homeroomOther };
	}
	throw new Error(`no API path for ${grades.book}`);
}
