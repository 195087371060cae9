import { reportCardDownload } from '$lib/server/grades/report-card-route';
import type { RequestHandler } from './$types';

/** The report card as a PDF (404 with a message when the checkpoint is not published). */
export const GET: RequestHandler = (event) => reportCardDownload(event);
