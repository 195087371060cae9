import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Instance } from '../../timetable/format';
import type { LockedCells } from '../../timetable/model';
import { solve, type SolveProgress, type SolveResult } from '../../timetable/solver';

/**
 * The worker thread that runs the timetable engine off the request thread (started by run.ts).
 * Relative imports only: under Vitest the worker is loaded by tsx, without the `$lib` alias. This
 * module is also imported on the main thread, only to learn its own URL (the build emits it as a
 * chunk of its own).
 */
export const WORKER_URL = import.meta.url;

export interface SolveInput {
	task: 'timetable';
	instance: Instance;
	seed: number;
	timeLimitMs?: number;
	maxIterations?: number;
	/** cells kept where they are (locked by the admin in the version generated from) */
	locked?: LockedCells[];
	/** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the run is to stop */
	stop: SharedArrayBuffer;
}

export type WorkerMessage =
	| { type: 'progress'; progress: SolveProgress }
	| { type: 'done'; result: SolveResult }
	| { type: 'error'; message: string };

if (!isMainThread && (workerData as SolveInput | null)?.task === 'timetable') {
	const input = workerData as SolveInput;
	const flag = new Int32Array(input.stop);
	// The engine polls `signal.aborted` between steps; the main thread sets the shared flag.
	const signal = {
		get aborted() {
			return Atomics.load(flag, 0) === 1;
		}
	} as AbortSignal;
	try {
		const result = solve(input.instance, {
			seed: input.seed,
			timeLimitMs: input.timeLimitMs,
			maxIterations: input.maxIterations,
			locked: input.locked,
			signal,
			progressEvery: 2000,
			onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress })
		});
		parentPort!.postMessage({ type: 'done', result } satisfies WorkerMessage);
	} catch (e) {
		parentPort!.postMessage({ type: 'error', message: String(e) } satisfies WorkerMessage);
	}
}
