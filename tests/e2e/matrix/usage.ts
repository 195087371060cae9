import { OFFICIALS, TEACHERS, type Caller, type MatrixRow } from './types';

/**
 * Usage module: teacher log, adoption dashboards, imports, API tokens, export, JSON API. POST rows send
 * invalid forms only (nothing is stored).
 */
const QT_ADMIN: Caller[] = ['admin_qt'];
const DEPT: Caller[] = ['department'];

const post = (
	name: string,
	path: MatrixRow['path'],
	allow: Caller[],
	form?: Record<string, string>
): MatrixRow => ({ name, method: 'POST', path, allow, form, status: 400 });

export const usageRows: MatrixRow[] = [
	{ name: 'teacher usage log', path: () => '/teacher/usage', allow: TEACHERS, status: 200 },
	{ name: 'teacher week view', path: () => '/teacher/usage/week', allow: TEACHERS, status: 200 },
	{
		name: 'teacher usage history',
		path: () => '/teacher/usage/history',
		allow: TEACHERS,
		status: 200
	},
	// A usage entry is its teacher's only: every other teacher gets 404 too.
	{
		name: 'a teacher’s usage entry',
		path: (i) => `/teacher/usage/${i.usageEntry}`,
		allow: ['teacher_qt'],
		status: 200
	},
	post('edit a usage entry', (i) => `/teacher/usage/${i.usageEntry}?/save`, ['teacher_qt']),
	post(
		'delete a usage entry without its version',
		(i) => `/teacher/usage/${i.usageEntry}?/delete`,
		['teacher_qt']
	),
	post('log usage', () => '/teacher/usage?/log', TEACHERS, { platformId: '' }),
	post('repeat the last entry without naming it', () => '/teacher/usage?/repeat', TEACHERS),
	post('log a week', () => '/teacher/usage/week?/log', TEACHERS, { days: '' }),
	{
		name: 'Quang Trung adoption',
		path: (i) => `/schools/${i.quangTrung}/adoption`,
		allow: ['department', 'admin_qt'],
		status: 200
	},
	{
		name: 'Nguyễn Tất Thành adoption',
		path: (i) => `/schools/${i.nguyenTatThanh}/adoption`,
		allow: ['department', 'admin_ntt'],
		status: 200
	},
	{
		name: 'a Văn Yên school’s adoption',
		path: (i) => `/schools/${i.vanYenSchool}/adoption`,
		allow: ['department', 'area_vanyen'],
		status: 200
	},
	{
		name: 'Quang Trung usage import',
		path: (i) => `/schools/${i.quangTrung}/adoption/import`,
		allow: QT_ADMIN,
		status: 200
	},
	post(
		'preview a usage file',
		(i) => `/schools/${i.quangTrung}/adoption/import?/preview`,
		QT_ADMIN,
		{
			platformId: ''
		}
	),
	post(
		'confirm a usage import',
		(i) => `/schools/${i.quangTrung}/adoption/import?/commit`,
		QT_ADMIN,
		{
			batch: 'x'
		}
	),
	post(
		'discard a usage import',
		(i) => `/schools/${i.quangTrung}/adoption/import?/discard`,
		QT_ADMIN,
		{
			batch: 'x'
		}
	),
	{
		name: 'Quang Trung API tokens',
		path: (i) => `/schools/${i.quangTrung}/api-tokens`,
		allow: QT_ADMIN,
		status: 200
	},
	post(
		'create a school API token',
		(i) => `/schools/${i.quangTrung}/api-tokens?/create`,
		QT_ADMIN,
		{
			name: ''
		}
	),
	post(
		'revoke a school API token',
		(i) => `/schools/${i.quangTrung}/api-tokens?/revoke`,
		QT_ADMIN,
		{
			tokenId: 'x'
		}
	),
	{
		name: 'department adoption',
		path: () => '/department/adoption',
		allow: OFFICIALS,
		status: 200
	},
	{
		name: 'adoption export',
		path: () => '/department/adoption/export?format=csv',
		allow: OFFICIALS,
		status: 200
	},
	post('change the adoption threshold', () => '/department/adoption?/threshold', DEPT, {
		threshold: ''
	}),
	{ name: 'department API tokens', path: () => '/department/api-tokens', allow: DEPT, status: 200 },
	post('create a department API token', () => '/department/api-tokens?/create', DEPT, { name: '' }),
	post('revoke a department API token', () => '/department/api-tokens?/revoke', DEPT, {
		tokenId: 'x'
	}),
	{
		name: 'API Quang Trung adoption',
		api: true,
		path: (i) => `/api/v1/schools/${i.quangTrung}/adoption`,
		allow: ['department', 'admin_qt'],
		status: 200
	},
	{
		name: 'API Văn Yên school adoption',
		api: true,
		path: (i) => `/api/v1/schools/${i.vanYenSchool}/adoption`,
		allow: ['department', 'area_vanyen'],
		status: 200
	},
	// Platforms report usage with an API token; a session is not one (tests/e2e/usage-api-tokens.test.ts).
	{
		name: 'API usage events with a session instead of a token',
		method: 'POST',
		api: true,
		path: () => '/api/v1/usage-events',
		allow: [],
		status: 401,
		denied: 401
	}
];
