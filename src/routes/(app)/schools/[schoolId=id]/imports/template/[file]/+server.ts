import { SCHOOL_IMPORT_KINDS } from '$lib/roster/import-columns';
import { requestContext } from '$lib/server/action';
import { schoolImports, templateResponse } from '$lib/server/roster/import/route-actions';
import type { RequestHandler } from './$types';

/** The CSV and XLSX templates of a school's imports (school admins). */
export const GET: RequestHandler = async (event) => {
	await schoolImports(requestContext(event));
	return templateResponse(SCHOOL_IMPORT_KINDS, event.params.file);
};
