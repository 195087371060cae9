import { Worker } from 'node:worker_threads';
import type { SolveProgress, SolveResult } from '../../timetable/solver';
import type { LockedCells } from '../../timetable/model';
import type { SolveInput, WorkerMessage } from './worker';

/** Under Vite's dev server and Vitest the worker is TypeScript source: tsx (a dev tool) loads it. */
function workerEntry(url: string): string | URL {
	if (!url.endsWith('.ts')) return new URL(url);
	return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
}

export interface RunOptions {
	seed: number;
	timeLimitMs?: number;
	maxIterations?: number;
	locked?: LockedCells[];
	signal?: AbortSignal;
	onProgress?: (progress: SolveProgress) => void;
}

/**
 * Runs the engine in a worker thread, so that the portal keeps answering while it searches.
 * Aborting `signal` makes the engine stop at its next step and answer with its best timetable
 * (`cancelled: true`).
 */
export async function solveInWorker(
	instance: SolveInput['instance'],
	options: RunOptions
): Promise<SolveResult> {
	const { WORKER_URL } = await import('./worker');
	const stop = new SharedArrayBuffer(4);
	const flag = new Int32Array(stop);
	const input: SolveInput = {
		task: 'timetable',
		instance,
		seed: options.seed,
		timeLimitMs: options.timeLimitMs,
		maxIterations: options.maxIterations,
		locked: options.locked,
		stop
	};
	const worker = new Worker(workerEntry(WORKER_URL), {
		eval: WORKER_URL.endsWith('.ts'),
		workerData: input,
		resourceLimits: { maxOldGenerationSizeMb: 512 }
	});
	const onAbort = () => Atomics.store(flag, 0, 1);
	if (options.signal?.aborted) onAbort();
	options.signal?.addEventListener('abort', onAbort);
	try {
		return await new Promise<SolveResult>((resolve, reject) => {
			worker.on('message', (msg: WorkerMessage) => {
				if (msg.type === 'progress') options.onProgress?.(msg.progress);
				else if (msg.type === 'done') resolve(msg.result);
				else reject(new Error(`timetable engine: ${msg.message}`));
			});
			worker.once('error', reject);
			worker.once('exit', (code) => reject(new Error(`timetable engine exited (${code})`)));
		});
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
		void worker.terminate();
	}
}
