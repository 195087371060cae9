import type { RequestEvent } from '@sveltejs/kit';
import { importPageLoad, uploadAction } from '$lib/server/roster/import/route-actions';
import { managedActions } from '$lib/server/roster/form-result';
import type { Actions, PageServerLoad } from './$types';

const scope = (event: RequestEvent) => ({
	type: 'school' as const,
	schoolId: Number(event.params.schoolId)
});
const base = (event: RequestEvent) => `/schools/${event.params.schoolId}/imports`;

export const load: PageServerLoad = importPageLoad(scope);
const routeActions = { upload: uploadAction(scope, base) } satisfies Actions;

export const actions: Actions = managedActions(routeActions);
