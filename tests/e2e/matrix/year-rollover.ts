import type { MatrixRow } from './types';

/**
 * The year rollover (issue 11): Quang Trung's own admin only ('roster.manage'); everyone else 404
 * (officials, teachers, parents, other schools' admins). The preview of one of the school's classes
 * is a page; the commit with an empty form is a 400 and moves nobody.
 */
const qt = (ids: { quangTrung: number }) => `/schools/${ids.quangTrung}/rollover`;

export const yearRolloverRows: MatrixRow[] = [
	{ name: 'year rollover of Quang Trung', path: qt, allow: ['admin_qt'], status: 200 },
	{
		name: 'year rollover preview of a Quang Trung class',
		path: (ids) => `${qt(ids)}?class=${ids.roster.cls}&preview=1&promoteNew=%00`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'year rollover preview with a forged per-pupil class',
		path: (ids) =>
			`${qt(ids)}?class=${ids.roster.cls}&preview=1&t_2147483647=2147483647&t_1=99999999999`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'year rollover commit at Quang Trung',
		method: 'POST',
		path: (ids) => `${qt(ids)}?/commit`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	}
];
