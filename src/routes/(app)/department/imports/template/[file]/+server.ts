import { departmentScope } from '$lib/server/roster/import/department-scope';
import { templateResponse } from '$lib/server/roster/import/route-actions';
import type { RequestHandler } from './$types';

/** The CSV and XLSX templates of the schools import (department). */
export const GET: RequestHandler = async (event) => {
	departmentScope(event);
	return templateResponse(['schools'], event.params.file);
};
