import { requestContext } from '$lib/server/action';
import { departmentImports, templateResponse } from '$lib/server/roster/import/route-actions';
import type { RequestHandler } from './$types';

/** The CSV and XLSX templates of the schools import (department). */
export const GET: RequestHandler = async (event) => {
	await departmentImports(requestContext(event));
	return templateResponse(['schools'], event.params.file);
};
