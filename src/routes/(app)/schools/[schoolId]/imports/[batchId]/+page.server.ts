import type { RequestEvent } from '@sveltejs/kit';
import { confirmAction, discardAction, previewLoad } from '$lib/server/roster/import/route-actions';
import type { Actions, PageServerLoad } from './$types';

const scope = (event: RequestEvent) => ({
	type: 'school' as const,
	schoolId: Number(event.params.schoolId)
});
const base = (event: RequestEvent) => `/schools/${event.params.schoolId}/imports`;

export const load: PageServerLoad = previewLoad(scope);
export const actions: Actions = {
	confirm: confirmAction(scope),
	discard: discardAction(scope, base)
};
