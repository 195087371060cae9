import type { MatrixRow } from './types';

/**
 * The pupil data access log (issue 13, privacy): the school's log is read by its admin only (with
 * hostile filters it is still a page, never an error); a guardian reads who viewed their children.
 */
export const privacyLogRows: MatrixRow[] = [
	{
		name: 'Quang Trung pupil data access log',
		path: (ids) =>
			`/schools/${ids.quangTrung}/access-log?page=2&q=%00x&reader=1e309&what=zzz&from=31/02/2025&to=${'9'.repeat(300)}`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'who viewed my children’s data',
		path: () => '/parent/access-log?page=abc',
		allow: ['parent_qt'],
		status: 200
	}
];
