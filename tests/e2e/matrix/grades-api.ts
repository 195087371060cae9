import type { APIRequestContext } from '@playwright/test';
import type { MatrixIds, MatrixRow } from './types';

/**
 * The grades API with a session (issue 11; grades tokens are in tests/e2e/grades-api-token.test.ts).
 * The gradebook has the page's rights: the school admin and the subject's teacher read it, only the
 * teacher writes it (the PUT sends a cell no plan has: 400 `invalid_cells`, nothing stored). A
 * pupil's results: the homeroom teacher and the school admin; the parent only their own child
 * (the demo child is not in 8A, the demo teacher's homeroom class). Everyone else: 404.
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
		name: 'API results of the demo parent’s child',
		api: true,
		path: (ids) => `/api/v1/students/${ids.grades.ownChild}/results`,
		allow: ['admin_qt', 'parent_qt'],
		status: 200
	},
	{
		name: 'API results of a pupil of the demo teacher’s homeroom class',
		api: true,
		path: (ids) => `/api/v1/students/${ids.grades.homeroomPupil}/results`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	}
];

/** The demo teacher's gradebook page `/teacher/grades/<class>/<subject>/<semester id>` as an API path. */
export async function gradesApiIds(
	teacher: APIRequestContext,
	book: string
): Promise<MatrixIds['gradesApi']> {
	const [classId, subjectId, semesterId] = book.split('/').slice(-3).map(Number);
	for (const semester of [1, 2]) {
		const path = `/api/v1/classes/${classId}/gradebook?subject=${subjectId}&semester=${semester}`;
		const res = await teacher.get(path, { headers: { accept: 'application/json' } });
		if (res.ok() && (await res.json()).semesterId === semesterId) return { book: path };
	}
	throw new Error(`no API path for ${book}`);
}
