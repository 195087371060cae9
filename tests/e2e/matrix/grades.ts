import type { APIRequestContext } from '@playwright/test';
import type { Caller, MatrixIds, MatrixRow } from './types';

/**
 * Grades module: the teacher's gradebook list, one gradebook of the demo teacher (a class x subject
 * they teach) and its correction requests; the school admin's checkpoints, publication and
 * decisions on correction requests ('grades.manage'); a parent's child's published grades. The
 * school admin may view a gradebook ('teaching.view'); only its subject teacher may save or ask for
 * a correction ('teaching.enter'). POST rows send forms that do not validate: nothing is stored.
 * Another family's child is a 404 for everyone, the demo parent included.
 */
const TEACHERS: Caller[] = ['admin_qt', 'admin_ntt', 'teacher_qt', 'teacher_ntt'];
const admin = (ids: MatrixIds) => `/schools/${ids.quangTrung}/grades`;

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
	},
	{
		name: 'correction requests of a Quang Trung gradebook',
		path: (ids) => `${ids.grades.book}/corrections`,
		allow: ['teacher_qt'],
		status: 200
	},
	{
		name: 'ask for a correction in a Quang Trung gradebook',
		method: 'POST',
		path: (ids) => `${ids.grades.book}/corrections`,
		allow: ['teacher_qt'],
		status: 400
	},
	{
		name: 'Quang Trung grade checkpoints',
		path: admin,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'set a Quang Trung grade checkpoint',
		method: 'POST',
		path: (ids) => `${admin(ids)}?/dates`,
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'publish a Quang Trung checkpoint',
		method: 'POST',
		path: (ids) => `${admin(ids)}?/publish`,
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'Quang Trung correction requests',
		path: (ids) => `${admin(ids)}/corrections`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'approve a Quang Trung correction request',
		method: 'POST',
		path: (ids) => `${admin(ids)}/corrections?/approve`,
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'refuse a Quang Trung correction request',
		method: 'POST',
		path: (ids) => `${admin(ids)}/corrections?/refuse`,
		allow: ['admin_qt'],
		status: 400
	},
	{
		name: 'the demo parent’s child’s grades',
		path: (ids) => `/parent/children/${ids.grades.ownChild}/grades`,
		allow: ['parent_qt'],
		status: 200
	},
	{
		name: 'the classes whose roll I take',
		path: () => '/teacher/attendance',
		allow: TEACHERS,
		status: 200
	},
	{
		name: 'the roll of the demo teacher’s homeroom class',
		path: (ids) => `/teacher/attendance/${ids.grades.rollClass}`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'save the roll of the demo teacher’s homeroom class',
		method: 'POST',
		path: (ids) => `/teacher/attendance/${ids.grades.rollClass}`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 400
	},
	{
		name: 'my homeroom classes',
		path: () => '/teacher/homeroom',
		allow: TEACHERS,
		status: 200
	},
	...(['', '/conduct', '/retests', '/comments'] as const).flatMap((page): MatrixRow[] => [
		{
			name: `the homeroom class summary${page}`,
			path: (ids) => `/teacher/homeroom/${ids.grades.rollClass}${page}`,
			allow: ['admin_qt', 'teacher_qt'],
			status: 200
		}
	]),
	...(['/conduct', '/retests', '/comments'] as const).map((page): MatrixRow => ({
		name: `save the homeroom class${page}`,
		method: 'POST',
		path: (ids) => `/teacher/homeroom/${ids.grades.rollClass}${page}`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 400
	})),
	{
		name: 'a Quang Trung gradebook as XLSX',
		path: (ids) => `${ids.grades.book}/export`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'the XLSX import of a Quang Trung gradebook',
		path: (ids) => `${ids.grades.book}/import`,
		allow: ['teacher_qt'],
		status: 200
	},
	...(['upload', 'confirm', 'discard'] as const).map((action): MatrixRow => ({
		// no file / no batch id: refused before anything is read or written
		name: `${action} an XLSX import of a Quang Trung gradebook`,
		method: 'POST',
		path: (ids) => `${ids.grades.book}/import?/${action}`,
		allow: ['teacher_qt'],
		status: 400
	})),
	{
		name: 'report cards of Quang Trung classes',
		path: (ids) => `/schools/${ids.quangTrung}/grades/report-cards`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	// the year checkpoint is published by no test: the page says so (200), the PDF is a 404
	{
		name: 'report card of a pupil of the demo teacher’s homeroom class',
		path: (ids) =>
			`/schools/${ids.quangTrung}/grades/report-cards/${ids.grades.homeroomPupil}/year`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'report card PDF of an unpublished checkpoint (school)',
		path: (ids) =>
			`/schools/${ids.quangTrung}/grades/report-cards/${ids.grades.homeroomPupil}/year/pdf`,
		allow: [],
		status: 200
	},
	{
		name: 'report card of a pupil at another school’s URL',
		path: (ids) =>
			`/schools/${ids.nguyenTatThanh}/grades/report-cards/${ids.grades.homeroomPupil}/year`,
		allow: [],
		status: 200
	},
	{
		name: 'the demo parent’s child’s report card',
		path: (ids) => `/parent/children/${ids.grades.ownChild}/grades/report-card/year`,
		allow: ['parent_qt'],
		status: 200
	},
	{
		name: 'the demo parent’s child’s report card PDF, not published',
		path: (ids) => `/parent/children/${ids.grades.ownChild}/grades/report-card/year/pdf`,
		allow: [],
		status: 200
	},
	{
		name: 'another family’s child’s report card',
		path: (ids) => `/parent/children/${ids.grades.otherChild}/grades/report-card/year`,
		allow: [],
		status: 200
	},
	{
		name: 'a report card of no checkpoint',
		path: (ids) => `/parent/children/${ids.grades.ownChild}/grades/report-card/rank`,
		allow: [],
		status: 200
	},
	{
		name: 'grade figures per school and grade',
		path: () => '/department/grades?term=1&grade=8',
		allow: ['department', 'area_vanyen'],
		status: 200
	},
	{
		name: 'another family’s child’s grades',
		path: (ids) => `/parent/children/${ids.grades.otherChild}/grades`,
		allow: [],
		status: 200
	}
];

async function links(ctx: APIRequestContext, path: string, pattern: RegExp): Promise<string[]> {
	const html = await (await ctx.get(path)).text();
	return [...html.matchAll(pattern)].map((m) => m[1]);
}

/**
 * The demo teacher's first gradebook (from their list), the demo parent's first child (from the
 * parent's home) and a pupil of the same school who is not the parent's child (from the admin's list).
 */
export async function gradesIds(
	as: (caller: Caller) => APIRequestContext,
	quangTrung: number
): Promise<MatrixIds['grades']> {
	const [book] = await links(
		as('teacher_qt'),
		'/teacher/grades',
		/href="(\/teacher\/grades\/\d+\/\d+\/\d+)"/g
	);
	if (!book) throw new Error('the demo teacher has no gradebook');
	const children = await links(as('parent_qt'), '/parent', /\/parent\/children\/(\d+)\/grades"/g);
	if (!children.length) throw new Error('the demo parent has no child');
	const pupils = await links(
		as('admin_qt'),
		`/schools/${quangTrung}/students`,
		new RegExp(`/schools/${quangTrung}/students/(\\d+)"`, 'g')
	);
	const other = pupils.find((p) => !children.includes(p));
	if (!other) throw new Error('no pupil of another family');
	const [rollClass] = await links(
		as('teacher_qt'),
		'/teacher/attendance',
		/href="\/teacher\/attendance\/(\d+)"/g
	);
	if (!rollClass) throw new Error('the demo teacher has no homeroom class');
	const [homeroomPupil] = await links(
		as('teacher_qt'),
		`/teacher/homeroom/${rollClass}`,
		/data-pupil="(\d+)"/g
	);
	if (!homeroomPupil) throw new Error('the demo teacher’s homeroom class has no pupil');
	return {
		homeroomPupil: Number(homeroomPupil),
		book,
		ownChild: Number(children[0]),
		otherChild: Number(other),
		rollClass: Number(rollClass)
	};
}
