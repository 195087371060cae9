import { Worker } from 'node:worker_threads';
import { SpreadsheetError, type SpreadsheetProblem } from './errors';
import { SHEET_LIMITS, type SheetLimits, type SheetRow } from './limits';
import { sheetKindOf } from './parse';
import type { WorkerInput } from './worker';

/**
 * Reading an uploaded CSV or XLSX: size and type checks here, the parse in a worker thread, so a
 * slow or hostile file never blocks the requests of other users. At most two parses run at once
 * (the server has few cores); the others wait their turn.
 */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
	if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
	running++;
	return () => {
		running--;
		waiting.shift()?.();
	};
}

type WorkerAnswer =
	| { ok: true; rows: SheetRow[] }
	| { ok: false; problem: SpreadsheetProblem; params: Record<string, number> };

/** Under Vite's dev server and Vitest the worker is TypeScript source: tsx (a dev tool) loads it. */
function workerEntry(url: string): string | URL {
	if (!url.endsWith('.ts')) return new URL(url);
	return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
}

async function inWorker(input: WorkerInput): Promise<SheetRow[]> {
	const { WORKER_URL } = await import('./worker');
	const worker = new Worker(workerEntry(WORKER_URL), {
		eval: WORKER_URL.endsWith('.ts'),
		workerData: input,
		resourceLimits: { maxOldGenerationSizeMb: 512 }
	});
	return new Promise<SheetRow[]>((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new SpreadsheetError('timeout', { seconds: input.limits.timeoutMs / 1000 }));
			void worker.terminate();
		}, input.limits.timeoutMs);
		const settle = () => clearTimeout(timer);
		worker.once('message', (answer: WorkerAnswer) => {
			settle();
			if (answer.ok) resolve(answer.rows);
			else reject(new SpreadsheetError(answer.problem, answer.params));
			void worker.terminate();
		});
		worker.once('error', (err: Error & { code?: string }) => {
			settle();
			const code = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'inflates_too_much' : 'unreadable';
			reject(new SpreadsheetError(code, { max: input.limits.maxInflatedBytes / 1024 / 1024 }));
		});
		worker.once('exit', () => {
			settle();
			reject(new SpreadsheetError('unreadable'));
		});
	});
}

/**
 * The non-empty rows of the first sheet, header first, each cell NFC-normalised text (see
 * limits.ts, csv.ts, xlsx.ts). Throws SpreadsheetError with a message key.
 */
export async function readSheet(
	fileName: string,
	bytes: Uint8Array,
	overrides: Partial<SheetLimits> = {}
): Promise<SheetRow[]> {
	const limits = { ...SHEET_LIMITS, ...overrides };
	if (bytes.length === 0) throw new SpreadsheetError('no_file');
	if (bytes.length > limits.maxBytes)
		throw new SpreadsheetError('too_big', { max: limits.maxBytes / 1024 / 1024 });
	const kind = sheetKindOf(fileName);
	if (!kind) throw new SpreadsheetError('bad_type');
	const done = await turn();
	try {
		return await inWorker({ task: 'spreadsheet', kind, bytes, limits });
	} finally {
		done();
	}
}
