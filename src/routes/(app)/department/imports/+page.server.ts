import type { RequestEvent } from '@sveltejs/kit';
import { departmentScope } from '$lib/server/roster/import/department-scope';
import { importPageLoad, uploadAction } from '$lib/server/roster/import/route-actions';
import type { Actions, PageServerLoad } from './$types';

const base = (_event: RequestEvent) => '/department/imports';

export const load: PageServerLoad = importPageLoad(departmentScope);
export const actions: Actions = { upload: uploadAction(departmentScope, base) };
