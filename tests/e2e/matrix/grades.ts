import type { APIRequestContext } from '@playwright/test';
import type { Caller, MatrixRow } from './types';

/**
 * Grades module: the teacher's gradebook list and one gradebook of the demo teacher (a class x
 * subject they teach). The school admin may view it ('teaching.view'); only its subject teacher may
 * save ('teaching.enter'). The POST row sends a form that does not validate: nothing is stored.
 */
const TEACHERS: Caller[] = ['admin_qt', 'admin_ntt', 'teacher_qt', 'teacher_ntt'];

export const gradesRows: MatrixRow[] = [
	{ name: 'my gradebooks', path: () => '/teacher/grades', allow: TEACHERS, status: 200 },
	{
		name: 'a Quang Trung gradebook',
		path: (ids) => ids.grades.book,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'save a Quang Trung gradebook',
		method: 'POST',
		path: (ids) => ids.grades.book,
		// A field that is no cell: the form does not validate and nothing is stored.
		form: { nothing: '' },
		allow: ['teacher_qt'],
		status: 400
	}
];

/** The demo teacher's first gradebook, from their list. */
export async function gradesIds(teacher: APIRequestContext): Promise<{ book: string }> {
	const html = await (await teacher.get('/teacher/grades')).text();
	const book = /href="(\/teacher\/grades\/\d+\/\d+\/\d+)"/.exec(html);
	if (!book) throw new Error('the demo teacher has no gradebook');
	return { book: book[1] };
}
