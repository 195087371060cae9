import { ALL, OFFICIALS, type MatrixRow } from './types';

/** Foundation routes: homes, school directory and pages, account, API v1. */
export const orgRows: MatrixRow[] = [
	{ name: 'department home', path: () => '/department', allow: OFFICIALS },
	{ name: 'school directory', path: () => '/department/schools', allow: OFFICIALS },
	{
		name: 'teacher home',
		path: () => '/teacher',
		allow: ['admin_qt', 'admin_ntt', 'teacher_qt', 'teacher_ntt']
	},
	{ name: 'parent home', path: () => '/parent', allow: ['parent_qt'] },
	{ name: 'account page', path: () => '/account', allow: ALL },
	{
		name: 'THCS Quang Trung page',
		path: (ids) => `/schools/${ids.quangTrung}`,
		allow: ['department', 'admin_qt', 'teacher_qt']
	},
	{
		name: 'THPT Nguyễn Tất Thành page',
		path: (ids) => `/schools/${ids.nguyenTatThanh}`,
		allow: ['department', 'admin_ntt', 'teacher_ntt']
	},
	{
		name: 'a Văn Yên school page',
		path: (ids) => `/schools/${ids.vanYenSchool}`,
		allow: ['department', 'area_vanyen']
	},
	{ name: 'API me', api: true, path: () => '/api/v1/me', allow: ALL },
	{ name: 'API schools', api: true, path: () => '/api/v1/schools', allow: ALL },
	{
		name: 'API Quang Trung school',
		api: true,
		path: (ids) => `/api/v1/schools/${ids.quangTrung}`,
		allow: ['department', 'admin_qt', 'teacher_qt', 'parent_qt']
	},
	{
		name: 'API Văn Yên school',
		api: true,
		path: (ids) => `/api/v1/schools/${ids.vanYenSchool}`,
		allow: ['department', 'area_vanyen']
	}
];
