import { getDb } from '$lib/server/db';
import { SCHOOL_IMPORT_KINDS } from '$lib/roster/import-columns';
import { rosterSchool } from '$lib/server/roster/context';
import { templateResponse } from '$lib/server/roster/import/route-actions';
import type { RequestHandler } from './$types';

/** The CSV and XLSX templates of a school's imports (school admins). */
export const GET: RequestHandler = async ({ locals, params }) => {
	await rosterSchool(getDb(), locals.user!, Number(params.schoolId));
	return templateResponse(SCHOOL_IMPORT_KINDS, params.file);
};
