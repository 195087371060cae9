import { OFFICIALS, type MatrixRow } from './types';

/**
 * Official notices (issue 13): the department and the Văn Yên office send and see the read figures
 * of the notices of their scope (the department's province-wide notice is not Văn Yên's); the
 * schools' admins, and their teachers, read the notices addressed to their school. The seeded
 * notices do not include teachers, so a teacher opening one gets 404. POST rows send an empty form
 * with no form key: nothing is sent (400).
 */
export const officialNoticesRows: MatrixRow[] = [
	{
		name: 'official notices sent',
		path: () => '/department/notices',
		allow: OFFICIALS,
		status: 200
	},
	{
		name: 'new official notice',
		path: () => '/department/notices/new',
		allow: OFFICIALS,
		status: 200
	},
	{
		name: 'send an empty official notice',
		method: 'POST',
		path: () => '/department/notices/new',
		form: { title: '', body: '' },
		allow: OFFICIALS,
		status: 400
	},
	{
		name: 'read figures of the province-wide notice',
		path: (ids) => `/department/notices/${ids.officialNotices.province}?unread=1`,
		allow: ['department'],
		status: 200
	},
	{
		name: 'read figures of the Văn Yên notice',
		path: (ids) => `/department/notices/${ids.officialNotices.area}`,
		allow: OFFICIALS,
		status: 200
	},
	{
		name: 'remind the Văn Yên notice without naming it (nothing is reminded)',
		method: 'POST',
		path: (ids) => `/department/notices/${ids.officialNotices.area}?/remind`,
		allow: OFFICIALS,
		status: 400
	},
	{
		name: 'remind the province-wide notice without naming it',
		method: 'POST',
		path: (ids) => `/department/notices/${ids.officialNotices.province}?/remind`,
		allow: ['department'],
		status: 400
	},
	{
		name: 'Quang Trung official notices inbox',
		path: (ids) => `/schools/${ids.quangTrung}/official-notices`,
		allow: ['admin_qt', 'teacher_qt'],
		status: 200
	},
	{
		name: 'the province-wide notice at Quang Trung',
		path: (ids) => `/schools/${ids.quangTrung}/official-notices/${ids.officialNotices.province}`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'the Văn Yên notice at Đông Cuông (Văn Yên)',
		path: (ids) => `/schools/${ids.rollout.dongCuong}/official-notices/${ids.officialNotices.area}`,
		allow: ['admin_dc'],
		status: 200
	},
	{
		name: 'the Văn Yên notice under Quang Trung (not addressed to it)',
		path: (ids) => `/schools/${ids.quangTrung}/official-notices/${ids.officialNotices.area}`,
		allow: [],
		status: 200
	},
	{
		name: 'Quang Trung response figures as CSV',
		path: (ids) => `/schools/${ids.quangTrung}/messages/figures/export?month=2026-11&format=csv`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'Quang Trung response figures with a hostile month and format',
		path: (ids) =>
			`/schools/${ids.quangTrung}/messages/figures/export?month=%00${'9'.repeat(400)}&format=exe`,
		allow: ['admin_qt'],
		status: 200
	}
];
