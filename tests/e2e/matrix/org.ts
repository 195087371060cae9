import { ALL, OFFICIALS, TEACHERS, type MatrixRow } from './types';

/** Foundation routes: sign-in, language, homes, school directory and pages, account, API v1. */
export const orgRows: MatrixRow[] = [
	// An address no page has: the app's not-found page for everyone signed in (the catch-all).
	{ name: 'an address no page has', path: () => '/khong-co-trang-nay/a', allow: [], status: 404 },
	{
		name: 'a form posted to an address no page has',
		method: 'POST',
		path: () => '/khong-co-trang-nay',
		allow: [],
		status: 404
	},
	// Public routes: every caller gets the same answer.
	{ name: 'health check', path: () => '/healthz', allow: ALL, status: 200, anonymous: 200 },
	{
		name: 'OpenAPI document',
		api: true,
		path: () => '/api/v1/openapi.json',
		allow: ALL,
		status: 200,
		anonymous: 200
	},
	// A signed-in user is sent home from the sign-in page.
	{ name: 'sign-in page', path: () => '/login', allow: ALL, status: 303, anonymous: 200 },
	// An empty form fails (400); for a signed-in caller the page then sends them home.
	{
		name: 'sign in with an empty form',
		method: 'POST',
		path: () => '/login',
		allow: ALL,
		status: 303,
		anonymous: 400
	},
	{
		name: 'switch language without a language',
		method: 'POST',
		path: () => '/locale',
		allow: ALL,
		status: 303,
		anonymous: 303
	},
	{
		name: 'sign out',
		method: 'POST',
		path: () => '/logout',
		allow: ALL,
		status: 303,
		ownSession: true
	},
	// Every signed-in user is sent to the home of their first role.
	{ name: 'start page', path: () => '/', allow: ALL, status: 303 },
	{ name: 'department home', path: () => '/department', allow: OFFICIALS, status: 200 },
	{ name: 'school directory', path: () => '/department/schools', allow: OFFICIALS, status: 200 },
	{ name: 'teacher home', path: () => '/teacher', allow: TEACHERS, status: 200 },
	{ name: 'parent home', path: () => '/parent', allow: ['parent_qt'], status: 200 },
	{ name: 'account page', path: () => '/account', allow: ALL, status: 200 },
	{
		name: 'change password with an empty form',
		method: 'POST',
		path: () => '/account?/password',
		allow: ALL,
		status: 400
	},
	{
		name: 'sign out a session without naming it',
		method: 'POST',
		path: () => '/account?/revoke',
		allow: ALL,
		status: 400
	},
	{
		name: 'sign out the other sessions without naming the current one',
		method: 'POST',
		path: () => '/account?/revokeOthers',
		allow: ALL,
		status: 400
	},
	{
		name: 'THCS Quang Trung page',
		path: (ids) => `/schools/${ids.quangTrung}`,
		allow: ['department', 'admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'THPT Nguyễn Tất Thành page',
		path: (ids) => `/schools/${ids.nguyenTatThanh}`,
		allow: ['department', 'admin_ntt', 'teacher_ntt'],
		status: 200
	},
	{
		name: 'a Văn Yên school page',
		path: (ids) => `/schools/${ids.vanYenSchool}`,
		allow: ['department', 'area_vanyen'],
		status: 200
	},
	{ name: 'API me', api: true, path: () => '/api/v1/me', allow: ALL, status: 200 },
	{ name: 'API schools', api: true, path: () => '/api/v1/schools', allow: ALL, status: 200 },
	{
		name: 'API Quang Trung school',
		api: true,
		path: (ids) => `/api/v1/schools/${ids.quangTrung}`,
		allow: ['department', 'admin_qt', 'teacher_qt', 'parent_qt'],
		status: 200
	},
	{
		name: 'API Văn Yên school',
		api: true,
		path: (ids) => `/api/v1/schools/${ids.vanYenSchool}`,
		allow: ['department', 'area_vanyen'],
		status: 200
	}
];
