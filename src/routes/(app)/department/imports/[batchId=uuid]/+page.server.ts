import { departmentImports, previewPage } from '$lib/server/roster/import/route-actions';
import type { Actions, PageServerLoad } from './$types';

const page = previewPage(departmentImports);
export const load = page.load satisfies PageServerLoad;
export const actions = page.actions satisfies Actions;
