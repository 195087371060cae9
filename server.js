// Entry point of the built portal (`npm start` builds first, `npm run serve` only runs).
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

// adapter-node assumes https unless told otherwise; on a developer machine the portal is reached
// at http://localhost:PORT, so that is the default origin. Behind a proxy set ORIGIN (or
// PROTOCOL_HEADER and HOST_HEADER) to the public address, or form posts are refused (CSRF check).
const port = process.env.PORT || '3000';
// (A malformed PORT is left alone: start-up validation reports it by name.)
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER && /^\d+$/.test(port)) {
	process.env.ORIGIN = `http://localhost:${port}`;
}
// Uploads must reach their actions, which answer an oversize file with a clear message: imports up
// to 5 MB, evidence files up to UPLOAD_MAX_BYTES (20 MB by default). adapter-node's own default
// limit (512 kB) would cut them off first; twice the upload limit leaves room for the message.
if (!process.env.BODY_SIZE_LIMIT) {
	const max = Number(process.env.UPLOAD_MAX_BYTES) || 20 * 1024 * 1024;
	process.env.BODY_SIZE_LIMIT = String(Math.max(max * 2, 5 * 1024 * 1024) + 1024 * 1024);
}

// Keep-alive: Node closes an idle connection after 5 s, and a client (a proxy, a browser, a test
// runner) that sends its next request on that connection at the same moment gets a reset
// (ECONNRESET, a 502 behind a proxy). 65 s outlasts the idle timeouts of common proxies (60 s);
// the headers timeout must be longer still. Both stay settable (seconds).
if (!process.env.KEEP_ALIVE_TIMEOUT) process.env.KEEP_ALIVE_TIMEOUT = '65';
if (!process.env.HEADERS_TIMEOUT) process.env.HEADERS_TIMEOUT = '66';

/**
 * One Node process uses one core. On a PostgreSQL server (DATABASE_URL set) the portal runs
 * WEB_CONCURRENCY worker processes (default: one per core) sharing the port; sessions, limits, jobs
 * and files are in the database, so any worker serves any request. The embedded database belongs to
 * one process: without DATABASE_URL, or with WEB_CONCURRENCY=1, there is no cluster at all.
 */
function workerCount() {
	if (!process.env.DATABASE_URL) return 1;
	const asked = process.env.WEB_CONCURRENCY;
	if (asked === undefined || asked === '') return availableParallelism();
	const n = Number(asked);
	if (!Number.isInteger(n) || n < 1 || n > 64) {
		console.error(`\nWEB_CONCURRENCY must be a whole number from 1 to 64 (got "${asked}").\n`);
		process.exit(1);
	}
	return n;
}

const workers = cluster.isPrimary ? workerCount() : 1;

if (cluster.isPrimary && workers > 1) {
	runPrimary(workers);
} else {
	// (A cluster worker exits at the end of the app's shutdown: src/lib/server/app.ts.)
	await import('./build/index.js');
}

/**
 * The primary only supervises: it starts one worker and waits until it listens (that worker applies
 * the migrations and seeds, once), then the others. When the first worker fails before it listens,
 * the portal stops with its exit code (a bad setting must not restart forever); a worker that dies
 * later, or fails to start while others serve (the database away for a moment), is replaced after
 * a pause that doubles up to 30 s. SIGTERM or SIGINT is passed to every worker, which finishes its
 * requests and jobs (adapter-node's graceful shutdown); the primary exits when all have.
 */
function runPrimary(count) {
	let stopping = false;
	let served = false;
	let pauseMs = 500;
	const graceMs = (Number(process.env.SHUTDOWN_TIMEOUT) || 30) * 1000 + 15_000;
	const alive = () => Object.values(cluster.workers ?? {});

	function fork() {
		if (alive().length >= count) return;
		const worker = cluster.fork();
		worker.once('listening', () => {
			served = true;
			worker.ready = true;
			pauseMs = 500;
			if (alive().length < count && !stopping) fork();
		});
	}

	cluster.on('exit', (worker, code, signal) => {
		if (stopping) return;
		if (!served) {
			// the first start-up failed: the worker printed why
			stop(code || 1);
			return;
		}
		console.error(
			`portal worker ${worker.process.pid} ${worker.ready ? 'exited' : 'could not start'} (${signal ?? code}); starting another in ${pauseMs / 1000} s`
		);
		setTimeout(() => !stopping && fork(), pauseMs);
		pauseMs = Math.min(pauseMs * 2, 30_000);
	});

	function stop(exitCode = 0) {
		if (stopping) return;
		stopping = true;
		if (!alive().length) process.exit(exitCode);
		cluster.on('exit', () => alive().length === 0 && process.exit(exitCode));
		for (const worker of alive()) worker.process.kill('SIGTERM');
		setTimeout(() => {
			for (const worker of alive()) worker.process.kill('SIGKILL');
		}, graceMs).unref();
	}

	process.on('SIGTERM', () => stop());
	process.on('SIGINT', () => stop());
	fork();
}
