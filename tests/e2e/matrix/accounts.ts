import { ALL, type Caller, type MatrixIds, type MatrixRow } from './types';

/**
 * Parents' accounts (issue 13): the school admin invites guardians and prints slips; the homeroom
 * teacher (or the admin) gives one guardian a new code; activation and the privacy notice are
 * public. POST rows send an empty form: the allowed callers get 400, the others 404.
 */
const ADMIN_QT: Caller[] = ['admin_qt'];
const STAFF_QT: Caller[] = ['admin_qt', 'teacher_qt'];
const qt = (ids: MatrixIds) => `/schools/${ids.quangTrung}`;

export const accountsRows: MatrixRow[] = [
	{
		name: 'QT parents accounts',
		path: (i) => `${qt(i)}/invitations`,
		allow: ADMIN_QT,
		status: 200
	},
	// Another teacher of the school is not the homeroom teacher of the first class: 404.
	{
		name: 'QT class parents accounts (not the teacher’s homeroom)',
		path: (i) => `${qt(i)}/classes/${i.roster.cls}/accounts`,
		allow: ADMIN_QT,
		status: 200
	},
	{
		name: 'QT homeroom class parents accounts',
		path: (i) => `${qt(i)}/classes/${i.roster.homeroomCls}/accounts`,
		allow: STAFF_QT,
		status: 200
	},
	{ name: 'QT slips page', path: (i) => `${qt(i)}/slips`, allow: STAFF_QT, status: 200 },
	{
		name: 'QT invite guardians, empty form',
		method: 'POST',
		path: (i) => `${qt(i)}/slips?/invite`,
		allow: ADMIN_QT,
		status: 400
	},
	{
		name: 'QT invite guardians of a class of another school',
		method: 'POST',
		path: (i) => `${qt(i)}/slips?/invite`,
		// a well-formed form key, so that the class is what gets checked
		form: { target: '2147483647', formKey: 'matrix-form-key-0000000000' },
		allow: [],
		status: 404
	},
	{
		name: 'QT new code, empty form',
		method: 'POST',
		path: (i) => `${qt(i)}/slips?/reissue`,
		allow: STAFF_QT,
		status: 400
	},
	{ name: 'activation page', path: () => '/activate', allow: ALL, status: 200, anonymous: 200 },
	{
		name: 'activate with an empty form',
		method: 'POST',
		path: () => '/activate',
		allow: ALL,
		status: 400,
		anonymous: 400
	},
	// The e-mailed link of an activation by e-mail (issue 8, item 10): public; opening it changes nothing.
	{
		name: 'activation link page',
		path: () => '/activate/confirm?t=x',
		allow: ALL,
		status: 200,
		anonymous: 200
	},
	{
		name: 'finish an activation with an empty form',
		method: 'POST',
		path: () => '/activate/confirm',
		allow: ALL,
		status: 400,
		anonymous: 400
	},
	{
		name: 'finish an activation with an unknown link',
		method: 'POST',
		path: () => '/activate/confirm',
		form: { token: 'A'.repeat(43), password: 'mat-khau-bat-ky' },
		allow: ALL,
		status: 400,
		anonymous: 400
	},
	{ name: 'own data export', path: () => '/account/data', allow: ALL, status: 200 },
	// Link requests (issue 8, item 10): only the account they were sent to reads or answers one.
	{ name: 'own link requests', path: () => '/account/links', allow: ALL, status: 200 },
	{
		name: 'answer a link request, empty form',
		method: 'POST',
		path: () => '/account/links',
		allow: ALL,
		status: 400
	},
	{
		name: "answer someone else's (or no) link request",
		method: 'POST',
		path: () => '/account/links',
		form: { request: '2147483647', answer: 'accept' },
		allow: [],
		status: 404
	},
	{ name: 'privacy notice', path: () => '/privacy', allow: ALL, status: 200, anonymous: 200 }
];
