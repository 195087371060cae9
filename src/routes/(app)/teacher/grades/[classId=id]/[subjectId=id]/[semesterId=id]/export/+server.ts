import { guardedLoad } from '$lib/server/action';
import { gradebookScope } from '$lib/server/grades/form';
import { gradebookExport } from '$lib/server/grades/sheet-export';
import type { RequestHandler } from './$types';

/** The gradebook as XLSX, for whoever may view it ('teaching.view', as the page); 404 otherwise. */
export const GET: RequestHandler = guardedLoad(
	gradebookScope('teaching.view'),
	async ({ db, principal, gradebook }) => gradebookExport(db, principal, gradebook)
);
