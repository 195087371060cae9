import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SpreadsheetError } from './errors';
import type { SheetLimits } from './limits';
import { parseSheet, type SheetKind } from './parse';

/**
 * The worker that parses one upload off the request thread (started by read.ts). This module is
 * also imported on the main thread, only to learn its own URL: the build emits it as a chunk of
 * its own, whose address is known only at run time.
 */
export const WORKER_URL = import.meta.url;

export interface WorkerInput {
	task: 'spreadsheet';
	kind: SheetKind;
	bytes: Uint8Array;
	limits: SheetLimits;
}

if (!isMainThread && (workerData as WorkerInput | null)?.task === 'spreadsheet') {
	const input = workerData as WorkerInput;
	try {
		parentPort!.postMessage({ ok: true, rows: parseSheet(input.kind, input.bytes, input.limits) });
	} catch (e) {
		const err = e instanceof SpreadsheetError ? e : new SpreadsheetError('unreadable');
		parentPort!.postMessage({ ok: false, problem: err.problem, params: err.params });
	}
}
