import { importPage, schoolImports } from '$lib/server/roster/import/route-actions';
import type { Actions, PageServerLoad } from './$types';

const page = importPage(schoolImports);
export const load = page.load satisfies PageServerLoad;
export const actions = page.actions satisfies Actions;
