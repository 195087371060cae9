import type { MatrixRow } from './types';

/**
 * FET files at Quang Trung: the import page and its actions (empty forms: nothing changes), the
 * school's problem and a published version as .fet: the school's admin only.
 */
const qt = (ids: { quangTrung: number }) => `/schools/${ids.quangTrung}/timetable`;

export const timetableFetRows: MatrixRow[] = [
	{
		name: 'FET import page at Quang Trung',
		path: (ids) => `${qt(ids)}/fet`,
		allow: ['admin_qt'],
		status: 200
	},
	...(['preview', 'save', 'draft'] as const).map((action): MatrixRow => ({
		name: `FET import ${action} at Quang Trung`,
		method: 'POST',
		path: (ids) => `${qt(ids)}/fet?/${action}`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	})),
	{
		name: 'the Quang Trung timetable problem as .fet',
		path: (ids) => `${qt(ids)}/fet/problem`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'a published Quang Trung timetable as .fet',
		path: (ids) => `${qt(ids)}/${ids.timetable.version}/fet`,
		allow: ['admin_qt'],
		status: 200
	}
];
