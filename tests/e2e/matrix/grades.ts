import type { APIRequestContext } from '@playwright/test';
import type { Caller, MatrixRow } from './types';

/**
 * Grades module: the teacher's gradebook list and one gradebook of the demo teacher (a class x
 * subject they teach). The school admin may view it ('teaching.view'); only its subject teacher may
 * save ('teaching.enter'). The POST row sends an empty form (no cell changes: nothing is stored).
 */
const TEACHERS: Caller[] = ['admin_qt', 'admin_ntt', 'teacher_qt', 'teacher_ntt'];

export const gradesRows: MatrixRow[] = [
	{ name: 'my gradebooks', path: () => '/teacher/grades', allow: TEACHERS },
	{
		name: 'a Quang Trung gradebook',
		path: (ids) => ids.grades.book,
		allow: ['admin_qt', 'teacher_qt']
	},
	{
		name: 'save a Quang Trung gradebook',
		method: 'POST',
		path: (ids) => ids.grades.book,
		form: {},
		allow: ['teacher_qt']
	}
];

/** The demo teacher's first gradebook, from their list. */
export async function gradesIds(teacher: APIRequestContext): Promise<{ book: string }> {
	const html = await (await teacher.get('/teacher/grades')).text();
	const book = /href="(\/teacher\/grades\/\d+\/\d+\/\d+)"/.exec(html);
	if (!book) throw new Error('the demo teacher has no gradebook');
	return { book: book[1] };
}
