import { departmentImports, importPage } from '$lib/server/roster/import/route-actions';
import type { Actions, PageServerLoad } from './$types';

const page = importPage(departmentImports);
export const load = page.load satisfies PageServerLoad;
export const actions = page.actions satisfies Actions;
