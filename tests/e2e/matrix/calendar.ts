import type { MatrixRow } from './types';

/**
 * School calendar: the department's days off (department officials only: an area official has
 * `department.view` but not `calendar.configure`) and a school's closures (its own admin only).
 * POST rows send empty forms: nothing changes.
 */
const qt = (ids: { quangTrung: number }) => `/schools/${ids.quangTrung}/calendar`;

export const calendarRows: MatrixRow[] = [
	{
		name: "the department's calendar",
		path: () => '/department/calendar',
		allow: ['department'],
		status: 200
	},
	...(['add', 'remove', 'addMakeUp', 'removeMakeUp'] as const).map((action): MatrixRow => ({
		name: `department calendar ${action}`,
		method: 'POST',
		path: () => `/department/calendar?/${action}`,
		form: {},
		allow: ['department'],
		status: 400
	})),
	{ name: 'calendar of Quang Trung', path: qt, allow: ['admin_qt'], status: 200 },
	...(['add', 'remove', 'addMakeUp', 'removeMakeUp'] as const).map((action): MatrixRow => ({
		name: `calendar ${action} at Quang Trung`,
		method: 'POST',
		path: (ids) => `${qt(ids)}?/${action}`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	}))
];
