import { reportCardPage } from '$lib/server/grades/report-card-route';
import type { PageServerLoad } from './$types';

/** The report card (printable): only a published checkpoint; the service checks who reads it. */
export const load: PageServerLoad = (event) => reportCardPage(event);
