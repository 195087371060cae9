import type { RequestEvent } from '@sveltejs/kit';
import { departmentScope } from '$lib/server/roster/import/department-scope';
import { confirmAction, discardAction, previewLoad } from '$lib/server/roster/import/route-actions';
import type { Actions, PageServerLoad } from './$types';

const base = (_event: RequestEvent) => '/department/imports';

export const load: PageServerLoad = previewLoad(departmentScope);
export const actions: Actions = {
	confirm: confirmAction(departmentScope),
	discard: discardAction(departmentScope, base)
};
