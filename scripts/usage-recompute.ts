// npm run usage:recompute: the daily adoption recompute (every school and platform, rollout status
// from the share of teachers active in the last 30 days). The portal runs it as the job
// `usage.recompute` (daily at 00:05 Vietnam time); this runs it directly, outside the queue.
import { ConfigError, getConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db';
import { DataDirLockedError } from '../src/lib/server/db/embedded';
import { recomputeAdoption } from '../src/lib/server/usage/status';

try {
	const handle = await openDatabase(getConfig());
	await migrateDatabase(handle);
	// Ctrl-C or SIGTERM stops between two batches; what was applied stays applied.
	const stop = new AbortController();
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
	const started = Date.now();
	const result = await recomputeAdoption(handle.db, { signal: stop.signal });
	console.log(
		`Adoption recomputed in ${((Date.now() - started) / 1000).toFixed(1)} s${result.interrupted ? ' (interrupted)' : ''}: ${result.promoted} platform(s) now in use, ${result.demoted} back to deployed.`
	);
	for (const c of result.changes)
		console.log(
			`  school ${c.schoolId}, platform ${c.platformId}: ${c.from} -> ${c.to} (${c.active}/${c.teachers} teachers, threshold ${c.threshold}%)`
		);
	await handle.close();
} catch (err) {
	console.error(
		err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : err
	);
	process.exit(1);
}
