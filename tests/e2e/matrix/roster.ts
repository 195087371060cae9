import { expect, type APIRequestContext } from '@playwright/test';
import type { Caller, MatrixIds, MatrixRow } from './types';

/**
 * Roster, school master data and imports (issue 2, section 4). School admins manage their own
 * school; teachers see their school's staff and classes; the department edits schools and imports
 * them. POST rows send an empty or invalid form: the allowed callers get 400, the others 404.
 */
const ADMIN_QT: Caller[] = ['admin_qt'];
const VIEW_QT: Caller[] = ['admin_qt', 'teacher_qt'];
const DEPT: Caller[] = ['department'];

const qt = (ids: MatrixIds) => `/schools/${ids.quangTrung}`;
const r = (ids: MatrixIds) => ids.roster;

export const rosterRows: MatrixRow[] = [
	{ name: 'QT staff list', path: (ids) => `${qt(ids)}/staff`, allow: VIEW_QT },
	{ name: 'QT classes list', path: (ids) => `${qt(ids)}/classes`, allow: VIEW_QT },
	{
		name: 'NTT staff list',
		path: (ids) => `/schools/${ids.nguyenTatThanh}/staff`,
		allow: ['admin_ntt', 'teacher_ntt']
	},
	{ name: 'QT students list', path: (ids) => `${qt(ids)}/students`, allow: ADMIN_QT },
	{ name: 'QT guardians list', path: (ids) => `${qt(ids)}/guardians`, allow: ADMIN_QT },
	{ name: 'QT new staff form', path: (ids) => `${qt(ids)}/staff/new`, allow: ADMIN_QT },
	{ name: 'QT new class form', path: (ids) => `${qt(ids)}/classes/new`, allow: ADMIN_QT },
	{ name: 'QT new student form', path: (ids) => `${qt(ids)}/students/new`, allow: ADMIN_QT },
	{ name: 'QT new guardian form', path: (ids) => `${qt(ids)}/guardians/new`, allow: ADMIN_QT },
	{ name: 'QT staff member', path: (ids) => `${qt(ids)}/staff/${r(ids).staff}`, allow: ADMIN_QT },
	{ name: 'QT class', path: (ids) => `${qt(ids)}/classes/${r(ids).cls}`, allow: ADMIN_QT },
	{ name: 'QT student', path: (ids) => `${qt(ids)}/students/${r(ids).student}`, allow: ADMIN_QT },
	{
		name: 'QT guardian',
		path: (ids) => `${qt(ids)}/guardians/${r(ids).guardian}`,
		allow: ADMIN_QT
	},
	{ name: 'QT imports', path: (ids) => `${qt(ids)}/imports`, allow: ADMIN_QT },
	{ name: 'QT import batch', path: (ids) => `${qt(ids)}/imports/${r(ids).batch}`, allow: ADMIN_QT },
	{
		name: 'QT import template',
		path: (ids) => `${qt(ids)}/imports/template/staff.xlsx`,
		allow: ADMIN_QT
	},
	{ name: 'QT school edit', path: (ids) => `${qt(ids)}/edit`, allow: DEPT },
	{ name: 'Văn Yên school edit', path: (ids) => `/schools/${ids.vanYenSchool}/edit`, allow: DEPT },
	{ name: 'new school form', path: () => '/department/schools/new', allow: DEPT },
	{ name: 'department imports', path: () => '/department/imports', allow: DEPT },
	{
		name: 'department import batch',
		path: (ids) => `/department/imports/${r(ids).deptBatch}`,
		allow: DEPT
	},
	{
		name: 'department import template',
		path: () => '/department/imports/template/schools.csv',
		allow: DEPT
	},

	{
		name: 'QT create staff',
		method: 'POST',
		path: (ids) => `${qt(ids)}/staff/new`,
		allow: ADMIN_QT
	},
	{
		name: 'QT save staff',
		method: 'POST',
		path: (ids) => `${qt(ids)}/staff/${r(ids).staff}?/save`,
		allow: ADMIN_QT
	},
	{
		name: 'QT deactivate staff',
		method: 'POST',
		path: (ids) => `${qt(ids)}/staff/${r(ids).staff}?/status`,
		allow: ADMIN_QT
	},
	{
		name: 'QT reset staff password',
		method: 'POST',
		path: (ids) => `${qt(ids)}/staff/${r(ids).staff}?/resetPassword`,
		form: { passwordMode: 'manual', password: 'short' },
		allow: ADMIN_QT
	},
	{
		name: 'QT staff roles',
		method: 'POST',
		path: (ids) => `${qt(ids)}/staff/${r(ids).staff}?/roles`,
		allow: ADMIN_QT
	},
	{
		name: 'QT create class',
		method: 'POST',
		path: (ids) => `${qt(ids)}/classes/new`,
		allow: ADMIN_QT
	},
	{
		name: 'QT save class',
		method: 'POST',
		path: (ids) => `${qt(ids)}/classes/${r(ids).cls}?/save`,
		allow: ADMIN_QT
	},
	{
		name: 'QT create student',
		method: 'POST',
		path: (ids) => `${qt(ids)}/students/new`,
		allow: ADMIN_QT
	},
	{
		name: 'QT save student',
		method: 'POST',
		path: (ids) => `${qt(ids)}/students/${r(ids).student}?/save`,
		allow: ADMIN_QT
	},
	{
		name: 'QT add guardian to student',
		method: 'POST',
		path: (ids) => `${qt(ids)}/students/${r(ids).student}?/addGuardian`,
		allow: ADMIN_QT
	},
	{
		name: 'QT unlink guardian',
		method: 'POST',
		path: (ids) => `${qt(ids)}/students/${r(ids).student}?/unlink`,
		allow: ADMIN_QT
	},
	{
		name: 'QT create guardian',
		method: 'POST',
		path: (ids) => `${qt(ids)}/guardians/new`,
		allow: ADMIN_QT
	},
	{
		name: 'QT link student to guardian',
		method: 'POST',
		path: (ids) => `${qt(ids)}/guardians/${r(ids).guardian}?/linkStudent`,
		allow: ADMIN_QT
	},
	{
		name: 'QT guardian account',
		method: 'POST',
		path: (ids) => `${qt(ids)}/guardians/${r(ids).guardian}?/createAccount`,
		form: { email: 'not-an-email' },
		allow: ADMIN_QT
	},
	{
		name: 'QT upload import',
		method: 'POST',
		path: (ids) => `${qt(ids)}/imports?/upload`,
		allow: ADMIN_QT
	},
	{
		name: 'QT discard import',
		method: 'POST',
		path: (ids) => `${qt(ids)}/imports/${r(ids).batch}?/discard`,
		allow: ADMIN_QT
	},
	{ name: 'QT save school', method: 'POST', path: (ids) => `${qt(ids)}/edit`, allow: DEPT },
	{ name: 'create school', method: 'POST', path: () => '/department/schools/new', allow: DEPT },
	{
		name: 'department upload import',
		method: 'POST',
		path: () => '/department/imports?/upload',
		allow: DEPT
	}
];

/** The first link to a row of a list page, e.g. /schools/2/staff/123 -> 123. */
async function firstId(ctx: APIRequestContext, list: string): Promise<number> {
	const html = await (await ctx.get(list)).text();
	const match = new RegExp(`href="${list}/(\\d+)"`).exec(html);
	expect(match, `a row link on ${list}`).not.toBeNull();
	return Number(match![1]);
}

/** An uploaded (not confirmed) batch; its preview URL is where the upload redirects. */
async function uploadBatch(ctx: APIRequestContext, path: string, csv: string, kind?: string) {
	const res = await ctx.post(`${path}?/upload`, {
		multipart: {
			...(kind ? { kind } : {}),
			file: { name: 'matrix.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') }
		},
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `upload to ${path}`).toBe(303);
	return res.headers().location.split('/').pop()!;
}

/** Rows of THCS Quang Trung and two import batches, found as their managers would. */
export async function findRosterIds(
	admin: APIRequestContext,
	department: APIRequestContext,
	quangTrung: number
): Promise<MatrixIds['roster']> {
	const base = `/schools/${quangTrung}`;
	return {
		staff: await firstId(admin, `${base}/staff`),
		cls: await firstId(admin, `${base}/classes`),
		student: await firstId(admin, `${base}/students`),
		guardian: await firstId(admin, `${base}/guardians`),
		batch: await uploadBatch(admin, `${base}/imports`, 'Khối,Tên lớp\n9,9Q\n', 'classes'),
		deptBatch: await uploadBatch(
			department,
			'/department/imports',
			'Mã trường,Tên trường,Cấp học,Khu vực\nMX-1,Trường TH Thử,TH,YB\n'
		)
	};
}
