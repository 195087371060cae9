import { ALL, type MatrixRow } from './types';

/**
 * Data deletion requests (issue 13, privacy): any signed-in user asks at /account/deletion (an
 * empty form asks nothing: 400); a school's requests are read and answered by its admin only.
 */
export const deletionRows: MatrixRow[] = [
	{ name: 'own data deletion requests', path: () => '/account/deletion', allow: ALL, status: 200 },
	{
		name: 'ask for deletion with an empty form (nothing asked)',
		method: 'POST',
		path: () => '/account/deletion',
		form: {},
		allow: ALL,
		status: 400
	},
	{
		name: 'Quang Trung data deletion requests',
		path: (ids) => `/schools/${ids.quangTrung}/deletion-requests?page=2`,
		allow: ['admin_qt'],
		status: 200
	},
	{
		name: 'record a deletion outcome with an empty form (nothing recorded)',
		method: 'POST',
		path: (ids) => `/schools/${ids.quangTrung}/deletion-requests?/handle`,
		form: {},
		allow: ['admin_qt'],
		status: 400
	}
];
