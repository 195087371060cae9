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

const page = (name: string, path: MatrixRow['path'], allow = ADMIN_QT): MatrixRow => ({
	name,
	path,
	allow,
	status: 200
});

/** An action of Quang Trung's admin, posted with `form` (empty by default): a 400. */
const adminPost = (
	name: string,
	path: MatrixRow['path'],
	form?: Record<string, string>
): MatrixRow => ({ name, method: 'POST', path, form, allow: ADMIN_QT, status: 400 });

/** The account actions of a staff member's or a guardian's page. */
const accountRows = (who: string, path: (ids: MatrixIds) => string): MatrixRow[] => [
	adminPost(`QT ${who} account`, (i) => `${path(i)}?/createAccount`, { email: 'not-an-email' }),
	adminPost(`QT reset ${who} password`, (i) => `${path(i)}?/resetPassword`, {
		passwordMode: 'manual',
		password: 'short'
	}),
	adminPost(`QT ${who} account status`, (i) => `${path(i)}?/accountStatus`),
	adminPost(`QT remove ${who} access`, (i) => `${path(i)}?/removeAccess`),
	adminPost(`QT ${who} roles`, (i) => `${path(i)}?/roles`)
];

const staff = (i: MatrixIds) => `${qt(i)}/staff/${r(i).staff}`;
const guardian = (i: MatrixIds) => `${qt(i)}/guardians/${r(i).guardian}`;
const student = (i: MatrixIds) => `${qt(i)}/students/${r(i).student}`;
const cls = (i: MatrixIds) => `${qt(i)}/classes/${r(i).cls}`;

export const rosterRows: MatrixRow[] = [
	page('QT staff list', (i) => `${qt(i)}/staff`, VIEW_QT),
	page('QT classes list', (i) => `${qt(i)}/classes`, VIEW_QT),
	page('NTT staff list', (i) => `/schools/${i.nguyenTatThanh}/staff`, ['admin_ntt', 'teacher_ntt']),
	page('QT students list', (i) => `${qt(i)}/students`),
	page('QT guardians list', (i) => `${qt(i)}/guardians`),
	page('QT new staff form', (i) => `${qt(i)}/staff/new`),
	page('QT new class form', (i) => `${qt(i)}/classes/new`),
	page('QT new student form', (i) => `${qt(i)}/students/new`),
	page('QT new guardian form', (i) => `${qt(i)}/guardians/new`),
	page('QT staff member', staff),
	page('QT class', cls),
	page('QT student', student),
	page('QT guardian', guardian),
	page('QT imports', (i) => `${qt(i)}/imports`),
	page('QT import batch', (i) => `${qt(i)}/imports/${r(i).batch}`),
	page('QT import template', (i) => `${qt(i)}/imports/template/staff.xlsx`),
	page('QT school edit', (i) => `${qt(i)}/edit`, DEPT),
	page('Văn Yên school edit', (i) => `/schools/${i.vanYenSchool}/edit`, DEPT),
	page('new school form', () => '/department/schools/new', DEPT),
	page('department imports', () => '/department/imports', DEPT),
	page('department import batch', (i) => `/department/imports/${r(i).deptBatch}`, DEPT),
	page('department import template', () => '/department/imports/template/schools.csv', DEPT),

	adminPost('QT create staff', (i) => `${qt(i)}/staff/new`),
	adminPost('QT save staff', (i) => `${staff(i)}?/save`),
	adminPost('QT deactivate staff', (i) => `${staff(i)}?/status`),
	...accountRows('staff', staff),
	adminPost('QT create class', (i) => `${qt(i)}/classes/new`),
	adminPost('QT save class', (i) => `${cls(i)}?/save`),
	adminPost('QT deactivate class', (i) => `${cls(i)}?/status`),
	adminPost('QT create student', (i) => `${qt(i)}/students/new`),
	adminPost('QT save student', (i) => `${student(i)}?/save`),
	adminPost('QT deactivate student', (i) => `${student(i)}?/status`),
	adminPost('QT add a new guardian to a student', (i) => `${student(i)}?/addGuardian`),
	adminPost('QT link a guardian to a student', (i) => `${student(i)}?/linkGuardian`),
	adminPost('QT unlink a student’s guardian', (i) => `${student(i)}?/unlink`),
	adminPost('QT create guardian', (i) => `${qt(i)}/guardians/new`),
	adminPost('QT save guardian', (i) => `${guardian(i)}?/save`),
	adminPost('QT deactivate guardian', (i) => `${guardian(i)}?/status`),
	adminPost('QT link student to guardian', (i) => `${guardian(i)}?/linkStudent`),
	adminPost('QT unlink a guardian’s student', (i) => `${guardian(i)}?/unlink`),
	...accountRows('guardian', guardian),
	adminPost('QT upload import', (i) => `${qt(i)}/imports?/upload`),
	{
		name: 'QT confirm an import with an error row',
		method: 'POST',
		path: (i) => `${qt(i)}/imports/${r(i).badBatch}?/confirm`,
		allow: ADMIN_QT,
		status: 409
	},
	// The matrix's own batch (after the rows that show it): discarding redirects to the list.
	{
		name: 'QT discard import',
		method: 'POST',
		path: (i) => `${qt(i)}/imports/${r(i).batch}?/discard`,
		allow: ADMIN_QT,
		status: 303
	},
	{
		name: 'QT save school',
		method: 'POST',
		path: (i) => `${qt(i)}/edit`,
		allow: DEPT,
		status: 400
	},
	{
		name: 'create school',
		method: 'POST',
		path: () => '/department/schools/new',
		allow: DEPT,
		status: 400
	},
	{
		name: 'department upload import',
		method: 'POST',
		path: () => '/department/imports?/upload',
		allow: DEPT,
		status: 400
	},
	{
		name: 'department confirm an import with an error row',
		method: 'POST',
		path: (i) => `/department/imports/${r(i).deptBadBatch}?/confirm`,
		allow: DEPT,
		status: 409
	},
	{
		name: 'department discard import',
		method: 'POST',
		path: (i) => `/department/imports/${r(i).deptBatch}?/discard`,
		allow: DEPT,
		status: 303
	}
];
