import { OFFICIALS, type Caller, type MatrixRow } from './types';

/**
 * Usage module: teacher log, adoption dashboards, imports, API tokens, export, JSON API. POST rows send
 * invalid forms only (nothing is stored). POST /api/v1/usage-events takes API tokens, not sessions:
 * tests/e2e/usage-api-tokens.test.ts covers it.
 */
const TEACHERS: Caller[] = ['admin_qt', 'admin_ntt', 'teacher_qt', 'teacher_ntt'];

export const usageRows: MatrixRow[] = [
	{ name: 'teacher usage log', path: () => '/teacher/usage', allow: TEACHERS },
	{ name: 'teacher week view', path: () => '/teacher/usage/week', allow: TEACHERS },
	{ name: 'teacher usage history', path: () => '/teacher/usage/history', allow: TEACHERS },
	{
		name: 'log usage',
		method: 'POST',
		path: () => '/teacher/usage?/log',
		form: { platformId: '' },
		allow: TEACHERS
	},
	{
		name: 'log a week',
		method: 'POST',
		path: () => '/teacher/usage/week?/log',
		form: { days: '' },
		allow: TEACHERS
	},
	{
		name: 'Quang Trung adoption',
		path: (ids) => `/schools/${ids.quangTrung}/adoption`,
		allow: ['department', 'admin_qt']
	},
	{
		name: 'Nguyễn Tất Thành adoption',
		path: (ids) => `/schools/${ids.nguyenTatThanh}/adoption`,
		allow: ['department', 'admin_ntt']
	},
	{
		name: 'a Văn Yên school’s adoption',
		path: (ids) => `/schools/${ids.vanYenSchool}/adoption`,
		allow: ['department', 'area_vanyen']
	},
	{
		name: 'Quang Trung usage import',
		path: (ids) => `/schools/${ids.quangTrung}/adoption/import`,
		allow: ['admin_qt']
	},
	{
		name: 'preview a usage file',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/adoption/import?/preview`,
		form: { platformId: '' },
		allow: ['admin_qt']
	},
	{
		name: 'confirm a usage import',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/adoption/import?/commit`,
		form: { batch: 'x' },
		allow: ['admin_qt']
	},
	{
		name: 'Quang Trung API tokens',
		path: (ids) => `/schools/${ids.quangTrung}/api-tokens`,
		allow: ['admin_qt']
	},
	{
		name: 'create a school API token',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/api-tokens?/create`,
		form: { name: '' },
		allow: ['admin_qt']
	},
	{
		name: 'revoke a school API token',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/api-tokens?/revoke`,
		form: { tokenId: 'x' },
		allow: ['admin_qt']
	},
	{ name: 'department adoption', path: () => '/department/adoption', allow: OFFICIALS },
	{
		name: 'adoption export',
		path: () => '/department/adoption/export?format=csv',
		allow: OFFICIALS
	},
	{
		name: 'change the adoption threshold',
		method: 'POST',
		path: () => '/department/adoption?/threshold',
		form: { threshold: '' },
		allow: ['department']
	},
	{ name: 'department API tokens', path: () => '/department/api-tokens', allow: ['department'] },
	{
		name: 'create a department API token',
		method: 'POST',
		path: () => '/department/api-tokens?/create',
		form: { name: '' },
		allow: ['department']
	},
	{
		name: 'API Quang Trung adoption',
		api: true,
		path: (ids) => `/api/v1/schools/${ids.quangTrung}/adoption`,
		allow: ['department', 'admin_qt']
	},
	{
		name: 'API Văn Yên school adoption',
		api: true,
		path: (ids) => `/api/v1/schools/${ids.vanYenSchool}/adoption`,
		allow: ['department', 'area_vanyen']
	}
];
