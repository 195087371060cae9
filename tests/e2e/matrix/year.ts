import type { MatrixRow } from './types';

/**
 * Making a later school year current (issue 11, session 11): the department's officials only
 * ('year.switch'); area officials, schools, teachers and parents get 404. A preview of an unknown
 * year is the page with the error beside the field; the commit with an empty form is a 400.
 */
export const yearSwitchRows: MatrixRow[] = [
	{
		name: 'school-year switch',
		path: () => '/department/school-year',
		allow: ['department'],
		status: 200
	},
	{
		name: 'school-year switch preview of an unknown year',
		path: () => '/department/school-year?year=2000000000',
		allow: ['department'],
		status: 200
	},
	{
		name: 'school-year switch commit',
		method: 'POST',
		path: () => '/department/school-year?/commit',
		form: {},
		allow: ['department'],
		status: 400
	},
	{
		name: 'school-year edit form of an unknown year',
		path: () => '/department/school-year?edit=2000000000',
		allow: ['department'],
		status: 200
	},
	{
		name: 'school-year create',
		method: 'POST',
		path: () => '/department/school-year?/create',
		form: {},
		allow: ['department'],
		status: 400
	},
	{
		name: 'school-year update',
		method: 'POST',
		path: () => '/department/school-year?/update',
		form: {},
		allow: ['department'],
		status: 400
	},
	{
		name: 'school-year delete',
		method: 'POST',
		path: () => '/department/school-year?/delete',
		form: {},
		allow: ['department'],
		status: 400
	}
];
